import type Stripe from 'stripe';
import { randomAlphanumeric, randomDigits, stripeId, unixSeconds } from '../ids';
import {
  invalidInteger,
  invalidRequest,
  missingParam,
  noSuch,
  StripeApiError,
  unexpectedState,
  unknownParam,
} from './stripe-errors';
import type { FormObject, FormValue } from './stripe-form';
import {
  AUTHENTICATION_REQUIRED,
  findTestPaymentMethod,
  type DeclineOutcome,
  type TestPaymentMethod,
} from './stripe-test-payment-methods';
import { readCardPaymentMethod } from './stripe-card-payment-methods';

/**
 * A PaymentMethod made from card details (Stripe.js's `createPaymentMethod`): it behaves as the
 * test card whose number was sent, and keeps only what Stripe shows of a card.
 */
interface CreatedPaymentMethod extends TestPaymentMethod {
  readonly expMonth: number;
  readonly expYear: number;
  readonly billingDetails: Stripe.PaymentMethod.BillingDetails;
  readonly created: number;
}

/**
 * The part of the Stripe API Arbor uses — PaymentIntents (create, confirm, retrieve, capture,
 * cancel), Refunds, Charges and PaymentMethods (retrieve) and the Balance — with the state
 * transitions of the PaymentIntent lifecycle (https://docs.stripe.com/payments/paymentintents/lifecycle).
 * Every object returned is typed with the official SDK's own types, so a field the SDK expects
 * cannot go missing unnoticed. State is per API key: each test key is its own account.
 */

export type StripeEventType =
  | 'payment_intent.created'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled'
  | 'payment_intent.requires_action'
  | 'payment_intent.amount_capturable_updated'
  | 'charge.succeeded'
  | 'charge.failed'
  | 'charge.captured'
  | 'charge.refunded'
  | 'refund.created';

export type StripeEventListener = (event: Stripe.Event) => void;

/** The SDK's own event type for an event name, e.g. `Stripe.PaymentIntentSucceededEvent`. */
export type StripeEvent<T extends StripeEventType> = Extract<Stripe.Event, { type: T }>;
/** The object an event of that name carries, as the SDK types it. */
export type StripeEventObject<T extends StripeEventType> = StripeEvent<T>['data']['object'];

interface EventBody<T extends StripeEventType> {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeEventObject<T> };
  livemode: false;
  pending_webhooks: number;
  request: Stripe.Event.Request;
  type: T;
}

/**
 * The API request that causes an event: its `Request-Id` and the `Idempotency-Key` it carried, if
 * any. Events carry both as `request: { id, idempotency_key }`; the key is null only when the
 * request sent none (https://docs.stripe.com/api/events/object#event_object-request-idempotency_key).
 */
export interface StripeRequestRef {
  readonly id: string;
  readonly idempotencyKey: string | null;
}

/** The API version the sandbox speaks: the one the installed SDK pins. */
export const SANDBOX_API_VERSION = '2026-10-28.endive';

interface Account {
  readonly paymentIntents: Map<string, Stripe.PaymentIntent>;
  readonly charges: Map<string, Stripe.Charge>;
  readonly refunds: Map<string, Stripe.Refund>;
  readonly events: Map<string, Stripe.Event>;
}

const CONFIRMABLE: ReadonlySet<string> = new Set([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
]);
const CANCELABLE: ReadonlySet<string> = new Set([
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
]);

const CREATE_PARAMS = new Set([
  'amount',
  'currency',
  'allowed_payment_method_types',
  'automatic_payment_methods',
  'excluded_payment_method_types',
  'capture_method',
  'confirm',
  'confirmation_method',
  'customer',
  'description',
  'error_on_requires_action',
  'expand',
  'mandate_data',
  'metadata',
  'off_session',
  'payment_method',
  'payment_method_options',
  'payment_method_types',
  'receipt_email',
  'return_url',
  'setup_future_usage',
  'shipping',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'transfer_group',
  'use_stripe_sdk',
]);
const CONFIRM_PARAMS = new Set([
  'capture_method',
  'payment_method_types',
  'error_on_requires_action',
  'expand',
  'mandate_data',
  'off_session',
  'payment_method',
  'payment_method_options',
  'receipt_email',
  'return_url',
  'setup_future_usage',
  'shipping',
  'use_stripe_sdk',
]);
const CAPTURE_PARAMS = new Set(['amount_to_capture', 'expand', 'metadata', 'statement_descriptor_suffix']);
const CANCEL_PARAMS = new Set(['cancellation_reason', 'expand']);
const REFUND_PARAMS = new Set([
  'amount',
  'charge',
  'payment_intent',
  'reason',
  'metadata',
  'expand',
  'instructions_email',
  'refund_application_fee',
  'reverse_transfer',
]);
const EXPANDABLE = new Set(['latest_charge', 'payment_method']);

export class StripeFake {
  private readonly accounts = new Map<string, Account>();
  private readonly createdPaymentMethods = new Map<
    string,
    { readonly pm: CreatedPaymentMethod; owner: Account | undefined }
  >();

  constructor(private readonly onEvent: StripeEventListener) {}

  reset(): void {
    this.accounts.clear();
    this.createdPaymentMethods.clear();
  }

  // ---- PaymentIntents ------------------------------------------------------------------

  /** POST /v1/payment_intents (https://docs.stripe.com/api/payment_intents/create). */
  createPaymentIntent(
    apiKey: string,
    params: FormObject,
    request: StripeRequestRef,
    apiVersion: string = SANDBOX_API_VERSION,
  ): Stripe.PaymentIntent {
    checkKnown(params, CREATE_PARAMS);
    const amount = requiredAmount(params, 'amount');
    const currency = requiredString(params, 'currency').toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) {
      throw invalidRequest(
        `Invalid currency: ${currency}. Stripe currently supports these currencies: usd, eur, gbp, …`,
        {
          param: 'currency',
        },
      );
    }
    checkMinimumAmount(amount, currency);
    const methods = paymentMethodSelection(params, apiVersion);
    const automaticPaymentMethods = methods.automatic;
    const captureMethod =
      oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) ?? 'automatic_async';
    const confirmationMethod = oneOf(params, 'confirmation_method', ['automatic', 'manual']) ?? 'automatic';
    const paymentMethod = optionalString(params, 'payment_method');
    if (paymentMethod !== undefined)
      this.paymentMethodOrThrow(paymentMethod, 'payment_method', this.account(apiKey));
    const confirm = params['confirm'] !== undefined && bool(params['confirm'], 'confirm');
    if (confirm)
      this.checkConfirmable(automaticPaymentMethods, optionalString(params, 'return_url'), paymentMethod);

    const id = stripeId('pi');
    const intent: Stripe.PaymentIntent = {
      id,
      object: 'payment_intent',
      allowed_payment_method_types: methods.allowed,
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: automaticPaymentMethods,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomAlphanumeric(25)}`,
      confirmation_method: confirmationMethod,
      created: unixSeconds(),
      currency,
      customer: optionalString(params, 'customer') ?? null,
      customer_account: null,
      description: optionalString(params, 'description') ?? null,
      excluded_payment_method_types: methods.excluded,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata: metadata(params),
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod ?? null,
      payment_method_configuration_details: null,
      payment_method_options: {
        card: {
          installments: null,
          mandate_options: null,
          network: null,
          request_three_d_secure: 'automatic',
        },
      },
      payment_method_types: methods.types,
      payment_record: null,
      processing: null,
      receipt_email: optionalString(params, 'receipt_email') ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: optionalString(params, 'statement_descriptor') ?? null,
      statement_descriptor_suffix: optionalString(params, 'statement_descriptor_suffix') ?? null,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      transfer_group: optionalString(params, 'transfer_group') ?? null,
    };
    const account = this.account(apiKey);
    account.paymentIntents.set(id, intent);
    this.emit(account, 'payment_intent.created', intent, request);
    if (confirm) return this.runConfirmation(account, intent, paymentMethod, params, request);
    return intent;
  }

  /** GET /v1/payment_intents/:id (https://docs.stripe.com/api/payment_intents/retrieve). */
  retrievePaymentIntent(apiKey: string, id: string): Stripe.PaymentIntent {
    return this.paymentIntentOrThrow(this.account(apiKey), id, 'intent');
  }

  /** POST /v1/payment_intents/:id/confirm (https://docs.stripe.com/api/payment_intents/confirm). */
  confirmPaymentIntent(
    apiKey: string,
    id: string,
    params: FormObject,
    request: StripeRequestRef,
    apiVersion: string = SANDBOX_API_VERSION,
  ): Stripe.PaymentIntent {
    checkKnown(params, CONFIRM_PARAMS);
    if (params['payment_method_types'] !== undefined && paymentMethodTypesRemoved(apiVersion)) {
      throw paymentMethodTypesNoLongerSupported();
    }
    const account = this.account(apiKey);
    const intent = this.paymentIntentOrThrow(account, id, 'intent');
    if (intent.status === 'succeeded') {
      throw unexpectedState(
        'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
        intent,
      );
    }
    if (!CONFIRMABLE.has(intent.status)) {
      throw unexpectedState(
        `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
        intent,
      );
    }
    const paymentMethod = optionalString(params, 'payment_method') ?? asId(intent.payment_method);
    if (paymentMethod !== undefined) this.paymentMethodOrThrow(paymentMethod, 'payment_method', account);
    this.checkConfirmable(
      intent.automatic_payment_methods,
      optionalString(params, 'return_url'),
      paymentMethod,
    );
    return this.runConfirmation(account, intent, paymentMethod, params, request);
  }

  /** POST /v1/payment_intents/:id/capture (https://docs.stripe.com/api/payment_intents/capture). */
  capturePaymentIntent(
    apiKey: string,
    id: string,
    params: FormObject,
    request: StripeRequestRef,
  ): Stripe.PaymentIntent {
    checkKnown(params, CAPTURE_PARAMS);
    const account = this.account(apiKey);
    const intent = this.paymentIntentOrThrow(account, id, 'intent');
    if (intent.status !== 'requires_capture') {
      throw unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        intent,
      );
    }
    const toCapture = optionalAmount(params, 'amount_to_capture') ?? intent.amount_capturable;
    if (toCapture > intent.amount_capturable) {
      throw invalidRequest(
        `The amount_to_capture (${toCapture}) is greater than the amount_capturable (${intent.amount_capturable}).`,
        { code: 'amount_too_large', param: 'amount_to_capture' },
      );
    }
    const charge = account.charges.get(asId(intent.latest_charge) ?? '');
    if (charge) {
      charge.captured = true;
      charge.amount_captured = toCapture;
      if (toCapture < charge.amount) {
        charge.amount_refunded = charge.amount - toCapture;
      }
      this.emit(account, 'charge.captured', charge, request);
    }
    intent.status = 'succeeded';
    intent.amount_received = toCapture;
    intent.amount_capturable = 0;
    this.emit(account, 'payment_intent.succeeded', intent, request);
    return intent;
  }

  /** POST /v1/payment_intents/:id/cancel (https://docs.stripe.com/api/payment_intents/cancel). */
  cancelPaymentIntent(
    apiKey: string,
    id: string,
    params: FormObject,
    request: StripeRequestRef,
  ): Stripe.PaymentIntent {
    checkKnown(params, CANCEL_PARAMS);
    const reason = oneOf(params, 'cancellation_reason', [
      'duplicate',
      'fraudulent',
      'requested_by_customer',
      'abandoned',
    ]);
    const account = this.account(apiKey);
    const intent = this.paymentIntentOrThrow(account, id, 'intent');
    if (!CANCELABLE.has(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        intent,
      );
    }
    // Canceling a PaymentIntent in requires_capture releases the uncaptured funds: its charge is
    // refunded in full (https://docs.stripe.com/refunds#cancel-payment).
    if (intent.status === 'requires_capture') {
      const charge = account.charges.get(asId(intent.latest_charge) ?? '');
      if (charge) {
        charge.amount_refunded = charge.amount;
        charge.refunded = true;
        this.emit(account, 'charge.refunded', charge, request);
      }
    }
    intent.status = 'canceled';
    intent.canceled_at = unixSeconds();
    intent.cancellation_reason = reason ?? null;
    intent.amount_capturable = 0;
    intent.next_action = null;
    this.emit(account, 'payment_intent.canceled', intent, request);
    return intent;
  }

  // ---- Refunds ---------------------------------------------------------------------------

  /** POST /v1/refunds (https://docs.stripe.com/api/refunds/create). */
  createRefund(apiKey: string, params: FormObject, request: StripeRequestRef): Stripe.Refund {
    checkKnown(params, REFUND_PARAMS);
    const account = this.account(apiKey);
    const chargeId = optionalString(params, 'charge');
    const intentId = optionalString(params, 'payment_intent');
    if (!chargeId && !intentId) {
      throw invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
      );
    }
    let charge: Stripe.Charge | undefined;
    let intent: Stripe.PaymentIntent | undefined;
    if (intentId) {
      intent = this.paymentIntentOrThrow(account, intentId, 'payment_intent');
      charge =
        intent.status === 'succeeded' ? account.charges.get(asId(intent.latest_charge) ?? '') : undefined;
      if (!charge) {
        throw invalidRequest('This PaymentIntent does not have a successful charge to refund.', {
          param: 'payment_intent',
        });
      }
    }
    if (chargeId) {
      const byId = account.charges.get(chargeId);
      if (!byId) throw noSuch('charge', chargeId, 'charge');
      if (charge && charge.id !== byId.id) {
        throw invalidRequest(`Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`, {
          param: 'charge',
        });
      }
      charge = byId;
    }
    if (!charge || charge.status !== 'succeeded' || !charge.captured) {
      throw invalidRequest(`Charge ${charge?.id ?? chargeId} has not been captured and cannot be refunded.`, {
        param: 'charge',
      });
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (charge.refunded || remaining <= 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
        executed: true,
      });
    }
    const amount = optionalAmount(params, 'amount') ?? remaining;
    if (amount > remaining) {
      // The real API's wording differs between a first and a later partial refund.
      const message =
        charge.amount_refunded === 0
          ? `Refund amount (${money(amount, charge.currency)}) is greater than charge amount (${money(charge.amount_captured, charge.currency)})`
          : `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(remaining, charge.currency)})`;
      throw invalidRequest(message, { code: 'amount_too_large', param: 'amount', executed: true });
    }
    const reason = oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']);
    const refund: Stripe.Refund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn'),
      charge: charge.id,
      created: unixSeconds(),
      currency: charge.currency,
      customer: null,
      customer_account: null,
      destination_details: {
        card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
        type: 'card',
      },
      metadata: metadata(params),
      payment_intent: asId(charge.payment_intent) ?? null,
      payment_method: charge.payment_method,
      reason: reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      // Card refunds in test mode succeed at once (https://docs.stripe.com/testing#refunds).
      status: 'succeeded',
      transfer_reversal: null,
    };
    account.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    this.emit(account, 'refund.created', refund, request);
    this.emit(account, 'charge.refunded', charge, request);
    return refund;
  }

  /** GET /v1/refunds/:id (https://docs.stripe.com/api/refunds/retrieve). */
  retrieveRefund(apiKey: string, id: string): Stripe.Refund {
    const refund = this.account(apiKey).refunds.get(id);
    if (!refund) throw noSuch('refund', id, 'refund');
    return refund;
  }

  /** GET /v1/charges/:id (https://docs.stripe.com/api/charges/retrieve). */
  retrieveCharge(apiKey: string, id: string): Stripe.Charge {
    const charge = this.account(apiKey).charges.get(id);
    if (!charge) throw noSuch('charge', id, 'charge');
    return charge;
  }

  /** GET /v1/payment_methods/:id (https://docs.stripe.com/api/payment_methods/retrieve). */
  retrievePaymentMethod(apiKey: string, id: string): Stripe.PaymentMethod {
    return paymentMethodObject(this.paymentMethodOrThrow(id, 'payment_method', this.account(apiKey)));
  }

  /**
   * POST /v1/payment_methods with card details and a publishable key, as Stripe.js sends it
   * (https://docs.stripe.com/api/payment_methods/create). Publishable and secret keys are
   * unrelated strings here, so the new PaymentMethod belongs to the first secret-key account
   * that uses it; any other account then gets `resource_missing` for it.
   */
  createPaymentMethod(params: FormObject): Stripe.PaymentMethod {
    const input = readCardPaymentMethod(params, new Date());
    const pm: CreatedPaymentMethod = {
      ...input.behavesAs,
      id: stripeId('pm'),
      expMonth: input.expMonth,
      expYear: input.expYear,
      billingDetails: input.billingDetails,
      created: unixSeconds(),
    };
    this.createdPaymentMethods.set(pm.id, { pm, owner: undefined });
    return paymentMethodObject(pm);
  }

  /** GET /v1/balance (https://docs.stripe.com/api/balance/balance_retrieve): used as the test-connection call. */
  retrieveBalance(apiKey: string): Stripe.Balance {
    const pending = new Map<string, number>();
    for (const charge of this.account(apiKey).charges.values()) {
      if (charge.status !== 'succeeded' || !charge.captured) continue;
      pending.set(
        charge.currency,
        (pending.get(charge.currency) ?? 0) + charge.amount_captured - charge.amount_refunded,
      );
    }
    if (pending.size === 0) pending.set('usd', 0);
    const entries = [...pending.entries()];
    return {
      object: 'balance',
      available: entries.map(([currency]) => ({ amount: 0, currency, source_types: { card: 0 } })),
      livemode: false,
      pending: entries.map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })),
    };
  }

  /**
   * A fresh event about an object that exists, for the trigger control endpoint. The object's
   * kind must match the event name (a `charge.*` event carries a Charge).
   */
  eventFor(type: StripeEventType, objectId: string, request: StripeRequestRef): Stripe.Event {
    for (const account of this.accounts.values()) {
      const intent = account.paymentIntents.get(objectId);
      const charge = account.charges.get(objectId);
      const refund = account.refunds.get(objectId);
      switch (type) {
        case 'payment_intent.created':
        case 'payment_intent.succeeded':
        case 'payment_intent.payment_failed':
        case 'payment_intent.canceled':
        case 'payment_intent.requires_action':
        case 'payment_intent.amount_capturable_updated':
          if (intent) return this.buildEvent(type, intent, request);
          break;
        case 'charge.succeeded':
        case 'charge.failed':
        case 'charge.captured':
        case 'charge.refunded':
          if (charge) return this.buildEvent(type, charge, request);
          break;
        case 'refund.created':
          if (refund) return this.buildEvent(type, refund, request);
          break;
      }
    }
    throw noSuch('object', objectId, 'object');
  }

  /** Applies `expand[]` to a PaymentIntent answer (https://docs.stripe.com/api/expanding_objects). */
  expandPaymentIntent(
    apiKey: string,
    intent: Stripe.PaymentIntent,
    expand: readonly string[],
  ): Stripe.PaymentIntent {
    if (expand.length === 0) return intent;
    const out: Stripe.PaymentIntent = { ...intent };
    for (const path of expand) {
      if (!EXPANDABLE.has(path)) {
        throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
      }
      if (path === 'latest_charge' && typeof intent.latest_charge === 'string') {
        out.latest_charge = this.account(apiKey).charges.get(intent.latest_charge) ?? intent.latest_charge;
      }
      if (path === 'payment_method' && typeof intent.payment_method === 'string') {
        const pm = this.findPaymentMethod(intent.payment_method, this.account(apiKey));
        out.payment_method = pm ? paymentMethodObject(pm) : intent.payment_method;
      }
    }
    return out;
  }

  // ---- internals -----------------------------------------------------------------------

  private account(apiKey: string): Account {
    let account = this.accounts.get(apiKey);
    if (!account) {
      account = { paymentIntents: new Map(), charges: new Map(), refunds: new Map(), events: new Map() };
      this.accounts.set(apiKey, account);
    }
    return account;
  }

  private paymentIntentOrThrow(account: Account, id: string, param: string): Stripe.PaymentIntent {
    const intent = account.paymentIntents.get(id);
    if (!intent) throw noSuch('payment_intent', id, param);
    return intent;
  }

  private paymentMethodOrThrow(id: string, param: string, account: Account): TestPaymentMethod {
    const pm = this.findPaymentMethod(id, account);
    if (!pm) throw noSuch('PaymentMethod', id, param);
    return pm;
  }

  private findPaymentMethod(id: string, account: Account): TestPaymentMethod | undefined {
    const test = findTestPaymentMethod(id);
    if (test) return test;
    const created = this.createdPaymentMethods.get(id);
    if (!created) return undefined;
    created.owner ??= account;
    return created.owner === account ? created.pm : undefined;
  }

  /**
   * Confirmation needs a payment method, and — when the intent accepts the Dashboard's payment
   * methods with redirects allowed — a `return_url`, even for a card that never redirects.
   */
  private checkConfirmable(
    automatic: Stripe.PaymentIntent.AutomaticPaymentMethods | null,
    returnUrl: string | undefined,
    paymentMethod: string | undefined,
  ): void {
    if (!paymentMethod) {
      throw invalidRequest(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method or ConfirmationToken.",
        { code: 'payment_intent_unexpected_state' },
      );
    }
    if (automatic?.enabled && automatic.allow_redirects !== 'never' && !returnUrl) {
      throw invalidRequest(
        'A `return_url` must be specified because this Payment Intent is configured to automatically accept the payment methods enabled in the Dashboard, some of which may require a full page redirect to succeed. If you do not want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.',
      );
    }
  }

  private runConfirmation(
    account: Account,
    intent: Stripe.PaymentIntent,
    paymentMethodId: string | undefined,
    params: FormObject,
    request: StripeRequestRef,
  ): Stripe.PaymentIntent {
    const pm = this.paymentMethodOrThrow(paymentMethodId ?? '', 'payment_method', account);
    const captureMethod = oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']);
    if (captureMethod) intent.capture_method = captureMethod;
    intent.payment_method = pm.id;
    intent.last_payment_error = null;
    const outcome = pm.outcome;
    switch (outcome.kind) {
      case 'requires_action': {
        // "Set to true to fail the payment attempt if the PaymentIntent transitions into
        // requires_action" (the create and confirm parameter in the OpenAPI description): the
        // attempt is declined as a card that needs authentication, never left waiting for it.
        if (params['error_on_requires_action'] === 'true') {
          return this.decline(account, intent, pm, AUTHENTICATION_REQUIRED, request);
        }
        intent.status = 'requires_action';
        intent.next_action = {
          type: 'use_stripe_sdk',
          use_stripe_sdk: {
            type: 'three_d_secure_redirect',
            stripe_js: `https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_sandbox&payment_intent=${intent.id}`,
            source: stripeId('payatt'),
          },
        };
        this.emit(account, 'payment_intent.requires_action', intent, request);
        return intent;
      }
      case 'succeeds': {
        const manual = intent.capture_method === 'manual';
        const charge = this.newCharge(intent, pm, { succeeded: true, captured: !manual });
        account.charges.set(charge.id, charge);
        intent.latest_charge = charge.id;
        intent.next_action = null;
        if (manual) {
          intent.status = 'requires_capture';
          intent.amount_capturable = intent.amount;
          this.emit(account, 'charge.succeeded', charge, request);
          this.emit(account, 'payment_intent.amount_capturable_updated', intent, request);
        } else {
          intent.status = 'succeeded';
          intent.amount_received = intent.amount;
          this.emit(account, 'charge.succeeded', charge, request);
          this.emit(account, 'payment_intent.succeeded', intent, request);
        }
        return intent;
      }
      case 'declines':
        return this.decline(account, intent, pm, outcome, request);
    }
  }

  /** A declined attempt: a failed charge, the intent back to requires_payment_method, 402. */
  private decline(
    account: Account,
    intent: Stripe.PaymentIntent,
    pm: TestPaymentMethod,
    outcome: DeclineOutcome,
    request: StripeRequestRef,
  ): never {
    const charge = this.newCharge(intent, pm, { succeeded: false, captured: false, outcome });
    account.charges.set(charge.id, charge);
    const paymentMethod = paymentMethodObject(pm);
    // A declined confirmation leaves the intent waiting for another payment method, with the
    // decline in last_payment_error (https://docs.stripe.com/payments/paymentintents/lifecycle).
    const lastError: Stripe.PaymentIntent.LastPaymentError = {
      charge: charge.id,
      code: outcome.code,
      decline_code: outcome.declineCode,
      doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
      message: outcome.message,
      payment_method: paymentMethod,
      type: 'card_error',
    };
    if (outcome.param) lastError.param = outcome.param;
    intent.status = 'requires_payment_method';
    intent.latest_charge = charge.id;
    intent.last_payment_error = lastError;
    intent.payment_method = null;
    intent.next_action = null;
    this.emit(account, 'charge.failed', charge, request);
    this.emit(account, 'payment_intent.payment_failed', intent, request);
    // Declines answer 402 with a card_error (https://docs.stripe.com/api/errors#errors-card_error).
    const error: Stripe.StripeRawError = {
      charge: charge.id,
      code: outcome.code,
      decline_code: outcome.declineCode,
      doc_url: lastError.doc_url,
      message: outcome.message,
      payment_intent: intent,
      payment_method: paymentMethod,
      request_log_url: `https://dashboard.stripe.com/test/logs/${request.id}?t=${unixSeconds()}`,
      type: 'card_error',
    };
    if (outcome.param) error.param = outcome.param;
    throw new StripeApiError({ status: 402, error, executed: true });
  }

  private newCharge(
    intent: Stripe.PaymentIntent,
    pm: TestPaymentMethod,
    result: {
      succeeded: boolean;
      captured: boolean;
      outcome?: { code: string; declineCode: string; message: string };
    },
  ): Stripe.Charge {
    const failed = result.outcome;
    const blocked = failed?.declineCode === 'fraudulent';
    const now = new Date();
    return {
      id: stripeId('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: result.captured ? intent.amount : 0,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      authorization_code: result.succeeded ? randomDigits(6) : undefined,
      balance_transaction: result.succeeded && result.captured ? stripeId('txn') : null,
      billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
      calculated_statement_descriptor: 'ARBOR SANDBOX',
      captured: result.captured,
      created: unixSeconds(now),
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: failed ? failed.code : null,
      failure_message: failed ? failed.message : null,
      fraud_details: {},
      livemode: false,
      metadata: { ...intent.metadata },
      on_behalf_of: null,
      outcome: {
        advice_code: null,
        network_advice_code: null,
        network_decline_code: null,
        network_status: blocked
          ? 'not_sent_to_network'
          : failed
            ? 'declined_by_network'
            : 'approved_by_network',
        reason: failed ? (blocked ? 'highest_risk_level' : failed.declineCode) : null,
        risk_level: blocked ? 'highest' : 'normal',
        risk_score: blocked ? 95 : 20,
        seller_message: failed
          ? blocked
            ? 'Stripe blocked this payment as too risky.'
            : 'The bank did not return any further details with this decline.'
          : 'Payment complete.',
        type: blocked ? 'blocked' : failed ? 'issuer_declined' : 'authorized',
      },
      paid: result.succeeded,
      payment_intent: intent.id,
      payment_method: pm.id,
      payment_method_details: {
        card: {
          amount_authorized: result.succeeded ? intent.amount : null,
          authorization_code: null,
          brand: pm.brand,
          checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
          country: pm.country,
          electronic_commerce_indicator: null,
          exp_month: now.getUTCMonth() + 1,
          exp_year: now.getUTCFullYear() + 3,
          funding: pm.funding,
          installments: null,
          last4: pm.last4,
          mandate: null,
          network: pm.brand,
          network_transaction_id: result.succeeded ? randomDigits(15) : null,
          regulated_status: 'unregulated',
          three_d_secure: null,
          transaction_link_id: null,
          wallet: null,
        },
        type: 'card',
      },
      receipt_email: intent.receipt_email,
      receipt_number: null,
      receipt_url: result.succeeded
        ? `https://pay.stripe.com/receipts/payment/${randomAlphanumeric(40)}`
        : null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: intent.statement_descriptor,
      statement_descriptor_suffix: intent.statement_descriptor_suffix,
      status: result.succeeded ? 'succeeded' : 'failed',
      transfer_data: null,
      transfer_group: intent.transfer_group,
    };
  }

  private emit<T extends StripeEventType>(
    account: Account,
    type: T,
    object: StripeEventObject<T>,
    request: StripeRequestRef,
  ): void {
    const event: Stripe.Event = this.buildEvent(type, object, request);
    account.events.set(event.id, event);
    this.onEvent(event);
  }

  private buildEvent<T extends StripeEventType>(
    type: T,
    object: StripeEventObject<T>,
    request: StripeRequestRef,
  ): StripeEvent<T> {
    // A snapshot: later changes to the object must not change an event already emitted.
    const event: EventBody<T> = {
      id: stripeId('evt'),
      object: 'event',
      api_version: SANDBOX_API_VERSION,
      created: unixSeconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: request.id, idempotency_key: request.idempotencyKey },
      type,
    };
    // TypeScript cannot narrow a generic discriminated union; the call sites are checked instead.
    return event as unknown as StripeEvent<T>;
  }
}

/**
 * Which payment methods an intent accepts. Since API version 2023-08-16 the Dashboard's methods
 * (`automatic_payment_methods`, redirects allowed) are the default
 * (https://docs.stripe.com/upgrades#2023-08-16). `allowed_payment_method_types` (2026-07-29.dahlia)
 * filters them and excludes the other selectors; `excluded_payment_method_types` narrows the
 * dynamic set. From 2026-09-30.endive `payment_method_types` is no longer writable and answers 400
 * `payment_method_types_no_longer_supported`
 * (https://docs.stripe.com/changelog/endive/2026-09-30/removes-the-payment-method-types-parameter-from-payment-intents-and-setup-intents).
 * The sandbox's account has cards enabled only, so the computed `payment_method_types` is `card`.
 */
interface PaymentMethodSelection {
  readonly automatic: Stripe.PaymentIntent.AutomaticPaymentMethods | null;
  readonly allowed: Stripe.PaymentIntent.AllowedPaymentMethodType[] | null;
  readonly excluded: Stripe.PaymentIntent.ExcludedPaymentMethodType[] | null;
  readonly types: string[];
}

const ENDIVE = '2026-09-30';

function paymentMethodTypesRemoved(apiVersion: string): boolean {
  return apiVersion.slice(0, 10) >= ENDIVE;
}

function paymentMethodTypesNoLongerSupported(): StripeApiError {
  return invalidRequest(
    'The `payment_method_types` parameter is not supported on this API version. Use dynamic payment methods, `excluded_payment_method_types` or `allowed_payment_method_types` instead.',
    { code: 'payment_method_types_no_longer_supported', param: 'payment_method_types' },
  );
}

function paymentMethodSelection(params: FormObject, apiVersion: string): PaymentMethodSelection {
  const legacyTypes = optionalStringArray(params, 'payment_method_types');
  if (legacyTypes && paymentMethodTypesRemoved(apiVersion)) throw paymentMethodTypesNoLongerSupported();
  const allowed = optionalStringArray(params, 'allowed_payment_method_types');
  const excluded = optionalStringArray(params, 'excluded_payment_method_types');
  const automatic = optionalObject(params, 'automatic_payment_methods');
  const selectors = [
    legacyTypes && 'payment_method_types',
    allowed && 'allowed_payment_method_types',
    automatic && 'automatic_payment_methods',
  ].filter((name): name is string => typeof name === 'string');
  if (selectors.length > 1 || (allowed && excluded) || (legacyTypes && excluded)) {
    throw invalidRequest(
      `You may only specify one of these parameters: ${[...selectors, ...(excluded ? ['excluded_payment_method_types'] : [])].join(', ')}.`,
      {
        param: selectors[0] ?? 'excluded_payment_method_types',
      },
    );
  }
  if (legacyTypes) return { automatic: null, allowed: null, excluded: null, types: legacyTypes };
  if (allowed) {
    const types = allowed.filter((type) => type === 'card');
    return { automatic: null, allowed, excluded: null, types };
  }
  if (automatic && automatic['enabled'] === undefined)
    throw missingParam('automatic_payment_methods[enabled]');
  const enabled = automatic ? bool(automatic['enabled'], 'automatic_payment_methods[enabled]') : true;
  const allowRedirects = automatic ? stringValue(automatic['allow_redirects']) : undefined;
  if (allowRedirects !== undefined && allowRedirects !== 'always' && allowRedirects !== 'never') {
    throw invalidRequest(
      'Invalid automatic_payment_methods[allow_redirects]: must be one of always or never',
      {
        param: 'automatic_payment_methods[allow_redirects]',
      },
    );
  }
  const types = excluded?.includes('card') ? [] : ['card'];
  return {
    automatic: enabled ? { enabled: true, allow_redirects: allowRedirects ?? 'always' } : null,
    allowed: null,
    excluded: excluded ?? null,
    types,
  };
}

// ---- parameter readers ------------------------------------------------------------------

function checkKnown(params: FormObject, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(params)) {
    if (!allowed.has(key)) throw unknownParam(key);
  }
}

function stringValue(value: FormValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, { param: name });
  return value === '' ? undefined : value;
}

function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined) throw missingParam(name);
  return value;
}

function optionalAmount(params: FormObject, name: string): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalidInteger(name, value);
  const amount = Number(value);
  if (amount <= 0) throw invalidRequest('Invalid positive integer', { param: name });
  return amount;
}

function requiredAmount(params: FormObject, name: string): number {
  const amount = optionalAmount(params, name);
  if (amount === undefined) throw missingParam(name);
  return amount;
}

function optionalStringArray(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw invalidRequest(`Invalid array`, { param: name });
  }
  return value as string[];
}

function optionalObject(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value)) {
    throw invalidRequest(`Invalid object`, { param: name });
  }
  return value;
}

function bool(value: FormValue | undefined, name: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidRequest(`Invalid boolean: ${typeof value === 'string' ? value : ''}`, { param: name });
}

function oneOf<T extends string>(params: FormObject, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidRequest(`Invalid ${name}: must be one of ${allowed.join(', ')}`, { param: name });
  }
  return value as T;
}

function metadata(params: FormObject): Stripe.Metadata {
  const value = params['metadata'];
  if (value === undefined || value === '') return {};
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidRequest('Invalid object', { param: 'metadata' });
  const out: Stripe.Metadata = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw invalidRequest('Invalid object', { param: `metadata[${key}]` });
    out[key] = v;
  }
  return out;
}

/**
 * Minimum charge amounts (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts):
 * $0.50 for USD; the sandbox checks the currencies Arbor may use.
 */
function checkMinimumAmount(amount: number, currency: string): void {
  const minimums: Record<string, number> = { usd: 50, cad: 50, eur: 50, gbp: 30, aud: 50 };
  const minimum = minimums[currency];
  if (minimum !== undefined && amount < minimum) {
    throw invalidRequest(`Amount must be at least ${money(minimum, currency)} ${currency}`, {
      code: 'amount_too_small',
      param: 'amount',
    });
  }
  if (amount > 99_999_999) {
    throw invalidRequest(`Amount must be no more than ${money(99_999_999, currency)}`, {
      code: 'amount_too_large',
      param: 'amount',
    });
  }
}

function money(minor: number, currency: string): string {
  const symbols: Record<string, string> = { usd: '$', cad: '$', aud: '$', eur: '€', gbp: '£' };
  const formatted = (minor / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return `${symbols[currency] ?? ''}${formatted}`;
}

function asId(value: string | { id: string } | null): string | undefined {
  if (value === null) return undefined;
  return typeof value === 'string' ? value : value.id;
}

function paymentMethodObject(pm: TestPaymentMethod | CreatedPaymentMethod): Stripe.PaymentMethod {
  const now = new Date();
  const created = 'expMonth' in pm ? pm : undefined;
  return {
    id: pm.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: created?.billingDetails ?? {
      address: null,
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    card: {
      brand: pm.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
      country: pm.country,
      display_brand: pm.brand,
      exp_month: created?.expMonth ?? now.getUTCMonth() + 1,
      exp_year: created?.expYear ?? now.getUTCFullYear() + 3,
      funding: pm.funding,
      generated_from: null,
      last4: pm.last4,
      networks: { available: [pm.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: created?.created ?? unixSeconds(now),
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
}
