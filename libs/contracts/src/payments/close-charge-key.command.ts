import { z } from 'zod';
import { command } from '../contract';
import { Currency, Id, MinorUnits } from '../common';
import { PaymentIdempotencyKey } from './charge.command';

/**
 * What became of a charge key. `none`: no attempt was ever made with it, and, the key now
 * closed, none ever will be (a charge request with it still on its way is refused). `in_flight`:
 * begun, its outcome not known yet (the recovery job settles it). `failed`: declined or never
 * received by the processor.
 */
export const ChargeKeyStatus = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('in_flight'), attemptId: Id }),
  z.object({ status: z.literal('succeeded'), attemptId: Id, amount: MinorUnits, currency: Currency }),
  z.object({ status: z.literal('failed'), attemptId: Id }),
]);
export type ChargeKeyStatus = z.infer<typeof ChargeKeyStatus>;

/**
 * Invoicing, before it lets another key pay an invoice whose earlier key it never heard back
 * about, asks payments what that key did — and closes it, so that nothing charged with it can
 * start after the answer. Repeatable: a closed key answers `none` again. A key of another
 * invoice of the practice is `conflict`.
 */
export const CloseChargeKey = command('payments.payment.close-key.v1', {
  payload: z.object({ practiceId: Id, invoiceId: Id, idempotencyKey: PaymentIdempotencyKey }),
  reply: ChargeKeyStatus,
});
