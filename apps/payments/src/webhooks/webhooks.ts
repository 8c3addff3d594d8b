import { z } from 'zod';
import type { ProcessorType } from '@arbor/contracts';
import type { VerifiedWebhookEvent } from '../processors/payment-processor';

/** A refund the processor reports, by its own id: how Arbor's own refunds are told apart. */
export interface ProcessorRefund {
  readonly processorRefundId: string;
  /** Minor units. */
  readonly amount: number;
}

/**
 * What a verified event asks of Arbor:
 * - `refunds`: money went back on the charge `transactionId` (in the dashboard, or by Arbor);
 * - `refund_to_look_up`: Authorize.net names only the refund's own transaction, whose details
 *   say which charge it gave back;
 * - `void`: the charge was voided, all of it;
 * - `payment`: the charge went through; `reference` is the attempt reference it was sent with,
 *   where the event carries it;
 * - `ignore`: nothing Arbor acts on, and why (for the log).
 */
export type Reconciliation =
  | { readonly kind: 'refunds'; readonly transactionId: string; readonly refunds: readonly ProcessorRefund[] }
  | { readonly kind: 'refund_to_look_up'; readonly refundTransactionId: string }
  | { readonly kind: 'void'; readonly transactionId: string }
  | { readonly kind: 'payment'; readonly transactionId: string; readonly reference?: string }
  | { readonly kind: 'ignore'; readonly why: string };

const StripeId = z.union([z.string(), z.object({ id: z.string() }).transform((object) => object.id)]);

const StripeRefund = z.object({
  object: z.literal('refund'),
  id: z.string().min(1),
  amount: z.number().int().positive(),
  status: z.string().nullish(),
  payment_intent: StripeId.nullish(),
});

const StripeEvent = z.object({ type: z.string(), data: z.object({ object: z.unknown() }) });

const StripeCharge = z.object({
  object: z.literal('charge'),
  payment_intent: StripeId.nullish(),
  // Only where the endpoint's API version (before 2022-11-15) or an expansion lists them.
  refunds: z.object({ data: z.array(StripeRefund) }).nullish(),
});

const StripePaymentIntent = z.object({
  object: z.literal('payment_intent'),
  id: z.string().min(1),
  status: z.string(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

/** The metadata key the Stripe adapter writes the attempt reference under. */
const STRIPE_REFERENCE_KEY = 'arbor_attempt';

const AnetNotification = z.object({
  eventType: z.string(),
  payload: z.object({
    entityName: z.literal('transaction'),
    id: z.string().min(1),
    responseCode: z.coerce.number().int().optional(),
  }),
});

const ANET_APPROVED = 1;

/**
 * Reads what a verified event asks of Arbor. Only called once the signature checked out, so the
 * body is the processor's; a body Arbor cannot read is ignored (a redelivery would not read
 * better), never an error the processor would retry for days.
 */
export function reconciliationOf(
  processor: ProcessorType,
  event: VerifiedWebhookEvent,
  rawBody: Buffer,
): Reconciliation {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'ignore', why: 'the body is not JSON' };
  }
  switch (processor) {
    case 'stripe':
      return stripeReconciliation(event.type, body);
    case 'authorize_net':
      return anetReconciliation(event.type, body);
    case 'elavon':
      return { kind: 'ignore', why: 'Converge sends no webhooks' };
  }
}

function stripeReconciliation(type: string, body: unknown): Reconciliation {
  const event = StripeEvent.safeParse(body);
  if (!event.success) return { kind: 'ignore', why: 'not a Stripe event' };
  const object = event.data.data.object;
  switch (type) {
    case 'refund.created':
    case 'refund.updated': {
      const refund = StripeRefund.safeParse(object);
      if (!refund.success) return unreadable(type);
      return refundsOf(refund.data.payment_intent, [refund.data]);
    }
    case 'charge.refunded': {
      const charge = StripeCharge.safeParse(object);
      if (!charge.success) return unreadable(type);
      if (!charge.data.refunds) {
        return { kind: 'ignore', why: 'the charge lists no refunds; each refund has its own refund.* event' };
      }
      return refundsOf(charge.data.payment_intent, charge.data.refunds.data);
    }
    case 'payment_intent.succeeded': {
      const intent = StripePaymentIntent.safeParse(object);
      if (!intent.success) return unreadable(type);
      if (intent.data.status !== 'succeeded') return { kind: 'ignore', why: 'the payment has not succeeded' };
      const reference = intent.data.metadata?.[STRIPE_REFERENCE_KEY];
      return {
        kind: 'payment',
        transactionId: intent.data.id,
        ...(reference === undefined ? {} : { reference }),
      };
    }
    default:
      return { kind: 'ignore', why: `Arbor does not act on ${type}` };
  }
}

/** Only refunds that completed: a pending one may still fail, and its refund.updated will say. */
function refundsOf(
  paymentIntent: string | null | undefined,
  refunds: ReadonlyArray<z.infer<typeof StripeRefund>>,
): Reconciliation {
  if (!paymentIntent) return { kind: 'ignore', why: 'the refund belongs to no PaymentIntent' };
  const succeeded = refunds
    .filter((refund) => refund.status === 'succeeded')
    .map((refund) => ({ processorRefundId: refund.id, amount: refund.amount }));
  if (succeeded.length === 0) return { kind: 'ignore', why: 'no refund has succeeded yet' };
  return { kind: 'refunds', transactionId: paymentIntent, refunds: succeeded };
}

function anetReconciliation(type: string, body: unknown): Reconciliation {
  const notification = AnetNotification.safeParse(body);
  if (!notification.success) return unreadable(type);
  const { id, responseCode } = notification.data.payload;
  const approved = responseCode === undefined || responseCode === ANET_APPROVED;
  switch (type) {
    case 'net.authorize.payment.authcapture.created':
      return approved ? { kind: 'payment', transactionId: id } : { kind: 'ignore', why: 'a declined charge' };
    case 'net.authorize.payment.refund.created':
      return approved
        ? { kind: 'refund_to_look_up', refundTransactionId: id }
        : { kind: 'ignore', why: 'a refused refund' };
    case 'net.authorize.payment.void.created':
      return { kind: 'void', transactionId: id };
    default:
      return { kind: 'ignore', why: `Arbor does not act on ${type}` };
  }
}

function unreadable(type: string): Reconciliation {
  return { kind: 'ignore', why: `a ${type} event Arbor cannot read` };
}

/**
 * How much of a refund the processor reports Arbor records: all of it, but never more than is
 * left of the payment (the processor would not have allowed more; a mismatch is logged).
 */
export function refundableAmount(reported: number, paid: number, refundedSoFar: number): number {
  return Math.max(0, Math.min(reported, paid - refundedSoFar));
}
