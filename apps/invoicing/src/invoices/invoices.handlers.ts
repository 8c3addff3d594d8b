import { Controller } from '@nestjs/common';
import {
  CreateInvoice,
  ForgiveInvoice,
  RecordInvoicePayment,
  VoidInvoice,
  type PayloadOf,
} from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { InvoiceIssuingService } from './invoice-issuing.service';
import { InvoicesService } from './invoices.service';

@Controller()
export class InvoicesHandlers {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly issuing: InvoiceIssuingService,
  ) {}

  @Handles(CreateInvoice)
  create({ actor, clientId, body }: PayloadOf<typeof CreateInvoice>) {
    return this.issuing.create(actor, clientId, body);
  }

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
