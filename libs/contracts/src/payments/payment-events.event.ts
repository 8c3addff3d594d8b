import { z } from 'zod';
import { event } from '../contract';
import { Currency, Id, MinorUnits, type SystemActor } from '../common';
import { ProcessorType } from './processor-account.types';

/** Payment events carry ids and amounts only: never a token, a card number or its last digits. */
const PaymentState = z.object({
  practiceId: Id,
  invoiceId: Id,
  attemptId: Id,
  amount: MinorUnits,
  currency: Currency,
  processor: ProcessorType,
});

/** The processor took the money (invoicing marks the invoice paid). Emitted once per attempt. */
export const PaymentSucceeded = event('payments.payment.succeeded.v1', {
  data: PaymentState.extend({ processorReference: z.string() }),
});

/** The processor refused the charge; nothing was taken and the invoice stays payable. */
export const PaymentFailed = event('payments.payment.failed.v1', {
  data: PaymentState.extend({ reason: z.string(), code: z.string().optional() }),
});

/** Money went back to the client (`refundedTotal` is everything refunded on the payment so far). */
export const RefundSucceeded = event('payments.refund.succeeded.v1', {
  data: PaymentState.extend({
    refundId: Id,
    refundedTotal: MinorUnits,
    method: z.enum(['refund', 'void']),
  }),
});

/**
 * Who a `refund.succeeded` names when nobody in Arbor asked for the refund: it was made at the
 * processor (in its dashboard) and payments learnt of it from the processor's signed webhook.
 */
export const AT_THE_PROCESSOR = { system: 'payments.processor-webhook' } as const satisfies SystemActor;
