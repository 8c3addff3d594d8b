import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { InvoiceView, RecordPaymentBody } from './invoice.types';

/**
 * An Admin, or the provider who issued it, records that an unpaid invoice was paid outside Arbor:
 * it becomes `paid`. Refused as {@link ForgiveInvoice} is; an amount other than the total is
 * `validation_failed` naming `amount`.
 */
export const RecordInvoicePayment = command('invoicing.invoice.record-payment.v1', {
  payload: z.object({ actor: Actor, invoiceId: Id, body: RecordPaymentBody }),
  reply: InvoiceView,
});
