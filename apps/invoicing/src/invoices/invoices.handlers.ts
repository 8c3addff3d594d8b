import { Controller } from '@nestjs/common';
import { ForgiveInvoice, RecordInvoicePayment, VoidInvoice, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { InvoicesService } from './invoices.service';

@Controller()
export class InvoicesHandlers {
  constructor(private readonly invoices: InvoicesService) {}

  @Handles(ForgiveInvoice)
  forgive({ actor, invoiceId, body }: PayloadOf<typeof ForgiveInvoice>) {
    return this.invoices.forgive(actor, invoiceId, body);
  }

  @Handles(VoidInvoice)
  void({ actor, invoiceId, body }: PayloadOf<typeof VoidInvoice>) {
    return this.invoices.void(actor, invoiceId, body);
  }

  @Handles(RecordInvoicePayment)
  recordPayment({ actor, invoiceId, body }: PayloadOf<typeof RecordInvoicePayment>) {
    return this.invoices.recordPayment(actor, invoiceId, body);
  }
}
