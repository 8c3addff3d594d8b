import { z } from 'zod';
import { command } from '../contract';
import { AnyActor, Currency, Id, MinorUnits } from '../common';
import { PaymentIdempotencyKey } from './charge.command';

export const RefundBody = z.object({
  practiceId: Id,
  /** The succeeded attempt that took the money. */
  attemptId: Id,
  /** Omitted: everything not yet refunded. Never more than that (`conflict` naming what remains). */
  amount: MinorUnits.positive().optional(),
  idempotencyKey: PaymentIdempotencyKey,
});

export const RefundOutcome = z.object({
  refundId: Id,
  attemptId: Id,
  invoiceId: Id,
  amount: MinorUnits,
  currency: Currency,
  /** All refunded on this payment so far, this refund included. */
  refundedTotal: MinorUnits,
  /** `void`: the processor had not settled the charge, so it was cancelled rather than refunded. */
  method: z.enum(['refund', 'void']),
});
export type RefundOutcome = z.infer<typeof RefundOutcome>;

/**
 * Gives back some or all of a payment, through the processor that took it (a void while the
 * processor still holds it unsettled, where the processor requires one).
 */
export const RefundPayment = command('payments.payment.refund.v1', {
  payload: z.object({ actor: AnyActor, refund: RefundBody }),
  reply: RefundOutcome,
});
