import { Controller } from '@nestjs/common';
import { InvoicePaid, InvoiceSent, type DataOf, type EventEnvelope } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { HandlesEvent } from '@arbor/messaging';
import { InvoiceAlertsService } from './invoice-alerts.service';

/** Each alert is made in the event's inbox transaction: a redelivered event makes no second one. */
@Controller()
export class InvoiceAlertsHandlers {
  constructor(private readonly invoiceAlerts: InvoiceAlertsService) {}

  @HandlesEvent(InvoiceSent)
  onInvoiceSent(event: EventEnvelope<DataOf<typeof InvoiceSent>>, tx: Transaction): Promise<void> {
    return this.invoiceAlerts.invoiceSent(tx, event.data);
  }

  @HandlesEvent(InvoicePaid)
  onInvoicePaid(event: EventEnvelope<DataOf<typeof InvoicePaid>>, tx: Transaction): Promise<void> {
    return this.invoiceAlerts.invoicePaid(tx, event.data);
  }
}
