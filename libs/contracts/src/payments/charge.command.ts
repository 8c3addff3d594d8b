import { z } from 'zod';
import { command } from '../contract';
import { AnyActor, Currency, Id, MinorUnits } from '../common';

/**
 * The caller's key for one payment: the same key answers the first attempt's outcome and never
 * charges again (Stripe's semantics). Printable ASCII, as Stripe accepts it.
 */
export const PaymentIdempotencyKey = z
  .string()
  .min(8)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/**
 * What the browser's processor fields made (Stripe `pm_…`, Accept.js nonce, Converge `ssl_token`).
 * A Converge token is all digits and ends in the card's last four, like a card number, so its
 * shape proves nothing: payments never logs a token and keeps one only while a Stripe attempt is
 * unsettled.
 */
export const PaymentToken = z.string().min(1).max(4096);

export const ChargeBody = z.object({
  practiceId: Id,
  invoiceId: Id,
  amount: MinorUnits.positive().max(99_999_999),
  currency: Currency,
  /** Named as the log redaction list names it, so no log line can ever show it. */
  paymentToken: PaymentToken,
  idempotencyKey: PaymentIdempotencyKey,
});

/**
 * Where an attempt stands. `pending`: the processor's answer is not known yet (a timeout, or the
 * same key still in flight); the recovery job settles it and the events say how.
 */
export const ChargeOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('succeeded'),
    attemptId: Id,
    amount: MinorUnits,
    currency: Currency,
    /** The processor's own id of the charge. */
    processorReference: z.string(),
  }),
  z.object({
    status: z.literal('declined'),
    attemptId: Id,
    /** Plain words fit to show the client. */
    reason: z.string(),
  }),
  z.object({ status: z.literal('pending'), attemptId: Id }),
]);
export type ChargeOutcome = z.infer<typeof ChargeOutcome>;

/**
 * Invoicing (having checked the invoice is payable) asks payments to charge a token with the
 * practice's active processor. The same `idempotencyKey` with other parameters is `conflict`;
 * a practice without an active processor is `conflict` too.
 */
export const ChargePayment = command('payments.payment.charge.v1', {
  payload: z.object({ actor: AnyActor, payment: ChargeBody }),
  reply: ChargeOutcome,
});
