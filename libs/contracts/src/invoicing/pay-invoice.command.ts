import { z } from 'zod';
import { command } from '../contract';
import { Actor, Currency, Id, IsoDateTime, MinorUnits } from '../common';
import { PaymentIdempotencyKey, PaymentToken } from '../payments/charge.command';
import { InvoiceNumber, InvoiceView } from './invoice.types';

/** `POST /portal/invoices/{iid}/pay`: the token the processor's fields made in the browser. */
export const PayInvoiceBody = z.strictObject({ paymentToken: PaymentToken });
export type PayInvoiceBody = z.infer<typeof PayInvoiceBody>;

/** What the client is shown once paid; the details stay behind the login. */
export const PaymentReceipt = z.object({
  invoiceId: Id,
  number: InvoiceNumber,
  amount: MinorUnits,
  currency: Currency,
  paidAt: IsoDateTime,
  /** payments' attempt that took the money. */
  attemptId: Id,
});
export type PaymentReceipt = z.infer<typeof PaymentReceipt>;

export const PayInvoiceReply = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), invoice: InvoiceView, receipt: PaymentReceipt }),
  /**
   * The processor's answer is not known yet (it timed out); payments settles the attempt and the
   * invoice becomes paid from its event, or stays unpaid. Paying again with the same key is safe.
   */
  z.object({ status: z.literal('pending'), invoice: InvoiceView }),
]);
export type PayInvoiceReply = z.infer<typeof PayInvoiceReply>;

/**
 * The client pays their unpaid invoice by card in the portal. `idempotencyKey` is the caller's
 * (the gateway passes the request's Idempotency-Key): the same key never charges twice. Refusals:
 * - `not_found`: not this client's invoice (or none);
 * - `conflict` (`currentStatus`): the invoice is not unpaid; or (`field: "idempotencyKey"`) a
 *   payment of it with another key is under way (once that key's claim is older than
 *   `ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS`, invoicing asks payments what it did, and lets this
 *   key pay if it charged nothing); or the practice has no active processor;
 * - `payment_declined`: the processor refused the card; the message is its reason in plain words,
 *   and the invoice stays unpaid;
 * - `service_unavailable`: payments did not answer (pay again with the same key).
 */
export const PayInvoice = command('invoicing.invoice.pay.v1', {
  payload: z.object({
    actor: Actor,
    invoiceId: Id,
    body: PayInvoiceBody,
    idempotencyKey: PaymentIdempotencyKey,
  }),
  reply: PayInvoiceReply,
});
