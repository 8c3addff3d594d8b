import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id, MinorUnits } from '../common';
import { PaymentIdempotencyKey } from '../payments/charge.command';
import { InvoiceReason, InvoiceView } from './invoice.types';

/** `amount` omitted: everything paid and not yet refunded. */
export const RefundInvoiceBody = z.strictObject({
  amount: MinorUnits.positive('must be more than zero').optional(),
  reason: InvoiceReason,
});
export type RefundInvoiceBody = z.infer<typeof RefundInvoiceBody>;

/**
 * An Admin, or the provider who issued it, gives back some or all of a card payment: payments
 * refunds it through the processor that took it, and the invoice becomes `partially_refunded` or
 * `refunded` (answered here, and announced as `invoicing.invoice.refunded.v1`). `idempotencyKey` is
 * the caller's (the gateway's Idempotency-Key). Refusals: `not_found` (another practice's invoice),
 * `forbidden` (another provider's), `conflict` naming `currentStatus` (not paid or partially
 * refunded) or `field: "method"` (paid outside Arbor: nothing to refund by card),
 * `validation_failed` naming `amount` (more than what is left), `service_unavailable`.
 */
export const RefundInvoice = command('invoicing.invoice.refund.v1', {
  payload: z.object({
    actor: Actor,
    invoiceId: Id,
    body: RefundInvoiceBody,
    idempotencyKey: PaymentIdempotencyKey,
  }),
  reply: InvoiceView,
});
