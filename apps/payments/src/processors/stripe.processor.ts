import Stripe from 'stripe';
import { ArborError } from '@arbor/contracts';
import {
  DEFAULT_TIMEOUT_MS,
  PROCESSOR_REFUSED_REASON,
  WebhookRejectedError,
  attemptReference,
  describeFailure,
  headerValue,
  requireAmount,
  silentLogger,
  type ChargeInput,
  type ChargeResult,
  type ClientConfig,
  type ConnectionTestResult,
  type PaymentProcessor,
  type ProcessorLogger,
  type ProcessorOptions,
  type ProcessorTransaction,
  type RefundInput,
  type RefundResult,
  type Rejected,
  type RetrieveResult,
  type VerifiedWebhookEvent,
  type VoidResult,
  type WebhookHeaders,
} from './payment-processor';

/**
 * Stripe through the official SDK. A charge is one PaymentIntent, created and confirmed in one
 * call with the PaymentMethod the Payment Element made in the browser, under the attempt's
 * idempotency key — so the same key always answers with the same PaymentIntent.
 */

export interface StripeProcessorConfig extends ProcessorOptions {
  readonly secretKey: string;
  readonly publishableKey: string;
  readonly webhookSecret?: string;
  /** Only to point the SDK at a local sandbox; production leaves all three to the SDK. */
  readonly host?: string;
  readonly port?: number;
  readonly protocol?: 'http' | 'https';
  /** How old a webhook's signed timestamp may be; Stripe's own default. */
  readonly webhookToleranceSeconds?: number;
}

/** The version the installed SDK is typed for; pinned so an SDK upgrade cannot change behaviour silently. */
const API_VERSION = '2026-10-28.endive';

export class StripeProcessor implements PaymentProcessor {
  readonly type = 'stripe' as const;
  readonly replaysByKey = true;
  private readonly stripe: Stripe;
  private readonly logger: ProcessorLogger;
  private readonly now: () => number;

  constructor(private readonly config: StripeProcessorConfig) {
    this.stripe = new Stripe(config.secretKey, {
      apiVersion: API_VERSION,
      timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // No automatic retry: `timeoutMs` is the whole wait, after which the outcome is unknown.
      // Resolving it is safe later: the same Idempotency-Key makes Stripe replay, not re-charge.
      maxNetworkRetries: 0,
      appInfo: { name: 'Arbor' },
      ...(config.host === undefined ? {} : { host: config.host }),
      ...(config.port === undefined ? {} : { port: config.port }),
      ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    });
    this.logger = config.logger ?? silentLogger;
    this.now = config.now ?? Date.now;
  }

  async charge(input: ChargeInput): Promise<ChargeResult> {
    requireAmount(input.amount);
    const attempt = attemptReference(input.idempotencyKey);
    let result: ChargeResult;
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          payment_method: input.token,
          confirm: true,
          // Cards only, and never a redirect: the API version pinned here refuses
          // `payment_method_types`, and the default (Dashboard methods, redirects allowed)
          // would demand a return_url.
          allowed_payment_method_types: ['card'],
          // A card whose bank wants 3-D Secure fails cleanly instead of waiting for an
          // authentication step Arbor's server-side confirmation cannot show.
          error_on_requires_action: true,
          ...(input.description ? { description: input.description } : {}),
          metadata: { arbor_attempt: attempt },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      result = chargeResultOf(intent);
    } catch (caught) {
      result = chargeFailureOf(caught);
    }
    this.log('charge', attempt, result);
    return result;
  }

  async refund(input: RefundInput): Promise<RefundResult> {
    requireAmount(input.amount);
    const attempt = attemptReference(input.idempotencyKey);
    let result: RefundResult;
    try {
      const refund = await this.stripe.refunds.create(
        { payment_intent: input.transactionId, amount: input.amount, metadata: { arbor_attempt: attempt } },
        { idempotencyKey: input.idempotencyKey },
      );
      result =
        refund.status === 'failed' || refund.status === 'canceled'
          ? {
              outcome: 'rejected',
              code: 'not_refundable',
              reason: `Stripe could not complete the refund (${refund.failure_reason ?? refund.status}).`,
            }
          : {
              outcome: 'approved',
              refundId: refund.id,
              amount: refund.amount,
              pending: refund.status !== 'succeeded',
              raw: { status: refund.status ?? null },
            };
    } catch (caught) {
      result = refundFailureOf(caught);
    }
    this.log('refund', attempt, result);
    return result;
  }

  /**
   * A void is a cancel, which Stripe allows only before capture. Arbor captures at once, so
   * a completed charge is refunded instead; Stripe has no merchant-visible settlement to wait for.
   */
  async void(input: { transactionId: string }): Promise<VoidResult> {
    let result: VoidResult;
    try {
      const intent = await this.stripe.paymentIntents.cancel(input.transactionId);
      result = { outcome: 'approved', transactionId: intent.id };
    } catch (caught) {
      result = voidFailureOf(caught);
    }
    this.log('void', input.transactionId, result);
    return result;
  }

  async retrieve(input: { transactionId: string }): Promise<RetrieveResult> {
    try {
      const intent = await this.stripe.paymentIntents.retrieve(input.transactionId, {
        expand: ['latest_charge'],
      });
      return { outcome: 'found', transaction: transactionOf(intent) };
    } catch (caught) {
      if (caught instanceof Stripe.errors.StripeError && caught.code === 'resource_missing') {
        return { outcome: 'not_found' };
      }
      return { outcome: 'unknown', error: describeFailure(caught) };
    }
  }

  async testConnection(): Promise<ConnectionTestResult> {
    const mismatch = keyModeMismatch(this.config.secretKey, this.config.publishableKey);
    if (mismatch) return { ok: false, message: mismatch };
    try {
      await this.stripe.balance.retrieve();
      return { ok: true, message: 'Stripe accepted the Secret key.' };
    } catch (caught) {
      return { ok: false, message: connectionFailureMessage(caught) };
    }
  }

  verifyWebhook(headers: WebhookHeaders, rawBody: string | Buffer): VerifiedWebhookEvent {
    const secret = this.config.webhookSecret;
    if (!secret) {
      throw new WebhookRejectedError(
        'not_configured',
        'No Stripe webhook signing secret is set for this account: add the endpoint\'s "whsec_…" secret.',
      );
    }
    const signature = headerValue(headers, 'stripe-signature');
    if (!signature)
      throw new WebhookRejectedError('missing_signature', 'The Stripe-Signature header is missing.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        secret,
        this.config.webhookToleranceSeconds ?? 300,
        undefined,
        this.now(),
      );
    } catch (caught) {
      throw webhookRejectionOf(caught);
    }
    const transactionId = transactionIdOfEvent(event);
    return transactionId === undefined
      ? { id: event.id, type: event.type }
      : { id: event.id, type: event.type, transactionId };
  }

  clientConfig(): ClientConfig {
    return {
      processor: 'stripe',
      publishableKey: this.config.publishableKey,
      scriptUrl: 'https://js.stripe.com/v3/',
    };
  }

  private log(operation: string, reference: string, result: { outcome: string; error?: string }): void {
    const fields = { processor: 'stripe', operation, reference, outcome: result.outcome };
    if (result.outcome === 'unknown')
      this.logger.warn({ ...fields, error: result.error }, 'processor outcome unknown');
    else this.logger.info(fields, 'processor answered');
  }
}

// ---- mapping (pure; unit-tested) ----------------------------------------------------------

/** A PaymentIntent that came back without an error. */
export function chargeResultOf(intent: Stripe.PaymentIntent): ChargeResult {
  switch (intent.status) {
    case 'succeeded':
      return {
        outcome: 'approved',
        transactionId: intent.id,
        amount: intent.amount_received,
        raw: { status: intent.status, charge: idOf(intent.latest_charge) ?? null },
      };
    case 'requires_action':
      // Only if Stripe did not honour error_on_requires_action; the client cannot complete it here.
      return {
        outcome: 'declined',
        by: 'issuer',
        code: 'authentication_required',
        reason:
          "Your card's bank asked to confirm this payment, which is not possible here. Please use another card.",
        transactionId: intent.id,
      };
    case 'requires_payment_method':
    case 'canceled':
      return {
        outcome: 'declined',
        by: 'issuer',
        reason: intent.last_payment_error?.message ?? 'Your card was declined.',
        ...(declineCodeOf(intent.last_payment_error) === undefined
          ? {}
          : { code: declineCodeOf(intent.last_payment_error) }),
        transactionId: intent.id,
      };
    case 'processing':
    case 'requires_capture':
    case 'requires_confirmation':
    default:
      // Still in flight, or a status newer than this code: ask again later.
      return { outcome: 'unknown', error: `PaymentIntent is ${intent.status}`, transactionId: intent.id };
  }
}

/** What a thrown error means for a charge. */
export function chargeFailureOf(caught: unknown): ChargeResult {
  if (!(caught instanceof Stripe.errors.StripeError))
    return { outcome: 'unknown', error: describeFailure(caught) };
  // `type` is the SDK's class name ('StripeCardError'); the wire value is `rawType` ('card_error').
  if (caught instanceof Stripe.errors.StripeCardError) {
    // StripeCardError sets decline_code to '' when the bank gave none, so `??` would keep ''.
    const code = caught.decline_code || caught.code || undefined;
    return {
      outcome: 'declined',
      by: 'issuer',
      // Stripe writes card-error messages for the cardholder ("Your card has insufficient funds.").
      reason: caught.message,
      ...(code === undefined ? {} : { code }),
      ...(caught.payment_intent?.id === undefined ? {} : { transactionId: caught.payment_intent.id }),
    };
  }
  if (caught instanceof Stripe.errors.StripeIdempotencyError) {
    throw new ArborError(
      'conflict',
      'This idempotency key was already used with other parameters; use a new key for a new payment.',
    );
  }
  if (isIndeterminate(caught)) return { outcome: 'unknown', error: describeFailure(caught) };
  // 400/401/403/404: Stripe refused the request itself and charged nothing.
  return {
    outcome: 'declined',
    by: 'processor',
    reason:
      caught.code === 'resource_missing' && caught.param === 'payment_method'
        ? 'The card details could not be used. Please enter them again.'
        : PROCESSOR_REFUSED_REASON,
    ...(caught.code === undefined ? {} : { code: caught.code }),
    detail: caught.message,
  };
}

export function refundFailureOf(caught: unknown): RefundResult {
  if (!(caught instanceof Stripe.errors.StripeError))
    return { outcome: 'unknown', error: describeFailure(caught) };
  if (caught instanceof Stripe.errors.StripeIdempotencyError) {
    throw new ArborError('conflict', 'This idempotency key was already used with other parameters.');
  }
  if (isIndeterminate(caught)) return { outcome: 'unknown', error: describeFailure(caught) };
  return rejectionOf(
    caught,
    {
      amount_too_large: 'exceeds_remaining',
      charge_already_refunded: 'already_refunded',
      resource_missing: 'not_found',
    },
    // e.g. "This PaymentIntent does not have a successful charge to refund."
    'not_refundable',
  );
}

export function voidFailureOf(caught: unknown): VoidResult {
  if (!(caught instanceof Stripe.errors.StripeError))
    return { outcome: 'unknown', error: describeFailure(caught) };
  if (isIndeterminate(caught)) return { outcome: 'unknown', error: describeFailure(caught) };
  const status = caught.payment_intent?.status;
  if (caught.code === 'payment_intent_unexpected_state' && status === 'succeeded') {
    return {
      outcome: 'rejected',
      code: 'refund_instead',
      processorCode: caught.code,
      reason: 'Stripe has already captured this payment: refund it instead.',
    };
  }
  if (caught.code === 'payment_intent_unexpected_state' && status === 'canceled') {
    return {
      outcome: 'rejected',
      code: 'already_voided',
      processorCode: caught.code,
      reason: caught.message,
    };
  }
  return rejectionOf(caught, { resource_missing: 'not_found' }, 'invalid_request');
}

export function transactionOf(intent: Stripe.PaymentIntent): ProcessorTransaction {
  const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  const status: ProcessorTransaction['status'] =
    intent.status === 'succeeded'
      ? 'approved'
      : intent.status === 'canceled'
        ? intent.last_payment_error
          ? 'declined'
          : 'voided'
        : intent.status === 'requires_payment_method' && intent.last_payment_error
          ? 'declined'
          : 'pending';
  return {
    transactionId: intent.id,
    status,
    amount: intent.status === 'succeeded' ? intent.amount_received : intent.amount,
    ...(charge ? { refundedAmount: charge.amount_refunded } : {}),
    raw: { status: intent.status, charge: idOf(intent.latest_charge) ?? null },
  };
}

/** Which field is wrong, in the Admin's words. */
export function connectionFailureMessage(caught: unknown): string {
  if (caught instanceof Stripe.errors.StripeAuthenticationError) {
    return 'Stripe refused the Secret key: copy it again from Developers → API keys (it starts with sk_live_ or sk_test_).';
  }
  if (caught instanceof Stripe.errors.StripePermissionError) {
    return 'The Secret key is a restricted key without permission to read the balance: use the standard Secret key or grant that permission.';
  }
  if (caught instanceof Stripe.errors.StripeError && !isIndeterminate(caught)) {
    return `Stripe refused the check: ${caught.message}`;
  }
  return 'Could not reach Stripe to check the keys. Try again in a few minutes.';
}

/** Test and live keys cannot be mixed: the browser would tokenize where the server cannot charge. */
export function keyModeMismatch(secretKey: string, publishableKey: string): string | undefined {
  const secretMode = /_(test|live)_/.exec(secretKey)?.[1];
  const publishableMode = /_(test|live)_/.exec(publishableKey)?.[1];
  if (secretMode && publishableMode && secretMode !== publishableMode) {
    return `The Publishable key is a ${publishableMode} key but the Secret key is a ${secretMode} key: use both keys from the same mode.`;
  }
  return undefined;
}

export function webhookRejectionOf(caught: unknown): WebhookRejectedError {
  const message = caught instanceof Error ? caught.message : String(caught);
  if (/tolerance/i.test(message)) {
    return new WebhookRejectedError(
      'stale',
      'The Stripe webhook is too old (its signed timestamp is outside the tolerance).',
    );
  }
  if (/Unable to extract timestamp and signatures/i.test(message)) {
    return new WebhookRejectedError('malformed', 'The Stripe-Signature header is malformed.');
  }
  return new WebhookRejectedError('bad_signature', 'The Stripe webhook signature does not match its body.');
}

/** The PaymentIntent an event concerns: the object itself, or the one a charge or refund belongs to. */
export function transactionIdOfEvent(event: Stripe.Event): string | undefined {
  const object = event.data.object as unknown as Record<string, unknown>;
  if (object['object'] === 'payment_intent' && typeof object['id'] === 'string') return object['id'];
  const intent = object['payment_intent'];
  if (typeof intent === 'string') return intent;
  if (typeof intent === 'object' && intent !== null && typeof (intent as { id?: unknown }).id === 'string') {
    return (intent as { id: string }).id;
  }
  return undefined;
}

/** Timeouts, network failures, 5xx and rate limits: Stripe may or may not have acted. */
function isIndeterminate(error: Stripe.errors.StripeError): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error.statusCode === undefined ||
    error.statusCode >= 500 ||
    error.statusCode === 409
  );
}

function rejectionOf(
  caught: Stripe.errors.StripeError,
  codes: Readonly<Record<string, Rejected['code']>>,
  fallback: Rejected['code'],
): Rejected {
  if (caught instanceof Stripe.errors.StripeAuthenticationError) {
    return {
      outcome: 'rejected',
      code: 'credentials_refused',
      reason: "Stripe refused the practice's Secret key.",
    };
  }
  const code = (caught.code && codes[caught.code]) || (caught.statusCode === 404 ? 'not_found' : fallback);
  return {
    outcome: 'rejected',
    code,
    reason: caught.message,
    ...(caught.code === undefined ? {} : { processorCode: caught.code }),
  };
}

function declineCodeOf(error: Stripe.PaymentIntent.LastPaymentError | null): string | undefined {
  return error?.decline_code || error?.code || undefined;
}

function idOf(value: string | { id: string } | null): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value : value.id;
}
