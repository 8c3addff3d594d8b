import type Stripe from 'stripe';
import { StripeApiError } from './stripe-errors';
import { parseStripeForm } from './stripe-form';
import { StripeFake } from './stripe.service';

const KEY = 'sk_test_unit';
const REQUEST = { id: 'req_unit', idempotencyKey: null };

function setup() {
  const events: Stripe.Event[] = [];
  const fake = new StripeFake((event) => events.push(event));
  return { fake, events };
}

function form(body: string) {
  return parseStripeForm(body);
}

function apiError(run: () => unknown): StripeApiError {
  try {
    run();
  } catch (caught) {
    if (caught instanceof StripeApiError) return caught;
    throw caught;
  }
  throw new Error('expected a StripeApiError');
}

const CONFIRM_CARD = 'currency=usd&confirm=true&allowed_payment_method_types[0]=card';

describe('StripeFake PaymentIntents', () => {
  it('charges a test card: succeeded, one captured charge, created/charge/succeeded events', () => {
    const { fake, events } = setup();
    const intent = fake.createPaymentIntent(
      KEY,
      form(`amount=2500&${CONFIRM_CARD}&payment_method=pm_card_visa`),
      { id: 'req_1', idempotencyKey: null },
    );
    expect(intent).toMatchObject({
      status: 'succeeded',
      amount: 2500,
      amount_received: 2500,
      payment_method: 'pm_card_visa',
    });
    const charge = fake.retrieveCharge(KEY, intent.latest_charge as string);
    expect(charge).toMatchObject({ status: 'succeeded', captured: true, amount_captured: 2500, paid: true });
    expect(charge.payment_method_details?.card?.last4).toBe('4242');
    expect(events.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.succeeded',
      'payment_intent.succeeded',
    ]);
  });

  it('declines with a 402 card_error that carries the intent, now waiting for another payment method', () => {
    const { fake, events } = setup();
    const error = apiError(() =>
      fake.createPaymentIntent(
        KEY,
        form(`amount=2500&${CONFIRM_CARD}&payment_method=pm_card_chargeDeclinedInsufficientFunds`),
        { id: 'req_1', idempotencyKey: null },
      ),
    );
    expect(error.reply.status).toBe(402);
    expect(error.reply.executed).toBe(true);
    expect(error.reply.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    const intent = error.reply.error.payment_intent!;
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error?.decline_code).toBe('insufficient_funds');
    expect(fake.retrievePaymentIntent(KEY, intent.id).status).toBe('requires_payment_method');
    expect(events.map((e) => e.type)).toContain('payment_intent.payment_failed');
  });

  it.each([
    ['pm_card_visa_chargeDeclined', 'card_declined', 'generic_decline'],
    ['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card'],
    ['pm_card_chargeDeclinedIncorrectCvc', 'incorrect_cvc', 'incorrect_cvc'],
    ['pm_card_chargeDeclinedProcessingError', 'processing_error', 'processing_error'],
    ['pm_card_visa_chargeDeclinedLostCard', 'card_declined', 'lost_card'],
  ])('%s declines with %s / %s', (pm, code, declineCode) => {
    const { fake } = setup();
    const error = apiError(() =>
      fake.createPaymentIntent(KEY, form(`amount=1000&${CONFIRM_CARD}&payment_method=${pm}`), REQUEST),
    );
    expect(error.reply.error).toMatchObject({ code, decline_code: declineCode });
  });

  it('can be retried with another payment method after a decline', () => {
    const { fake } = setup();
    const created = fake.createPaymentIntent(
      KEY,
      form('amount=1000&currency=usd&allowed_payment_method_types[0]=card'),
      REQUEST,
    );
    expect(created.status).toBe('requires_payment_method');
    apiError(() =>
      fake.confirmPaymentIntent(KEY, created.id, form('payment_method=pm_card_visa_chargeDeclined'), REQUEST),
    );
    expect(
      fake.confirmPaymentIntent(KEY, created.id, form('payment_method=pm_card_mastercard'), REQUEST).status,
    ).toBe('succeeded');
    const again = apiError(() =>
      fake.confirmPaymentIntent(KEY, created.id, form('payment_method=pm_card_visa'), REQUEST),
    );
    expect(again.reply.error.message).toBe(
      'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.',
    );
  });

  it('requires a return_url when the Dashboard payment methods with redirects are accepted', () => {
    const { fake } = setup();
    const error = apiError(() =>
      fake.createPaymentIntent(
        KEY,
        form('amount=1000&currency=usd&confirm=true&payment_method=pm_card_visa'),
        REQUEST,
      ),
    );
    expect(error.reply.status).toBe(400);
    expect(error.reply.error.message).toMatch(/^A `return_url` must be specified/);
    const withNever = fake.createPaymentIntent(
      KEY,
      form(
        'amount=1000&currency=usd&confirm=true&payment_method=pm_card_visa&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never',
      ),
      REQUEST,
    );
    expect(withNever.status).toBe('succeeded');
    const withUrl = fake.createPaymentIntent(
      KEY,
      form(
        'amount=1000&currency=usd&confirm=true&payment_method=pm_card_visa&return_url=https%3A%2F%2Fexample.test%2Fdone',
      ),
      REQUEST,
    );
    expect(withUrl.status).toBe('succeeded');
  });

  it('takes payment_method_types on API versions before 2026-09-30 only', () => {
    const { fake } = setup();
    const body = form(
      `amount=1000&${CONFIRM_CARD.replace('allowed_payment_method_types', 'payment_method_types')}&payment_method=pm_card_visa`,
    );
    expect(fake.createPaymentIntent(KEY, body, REQUEST, '2025-03-31.basil').status).toBe('succeeded');
    expect(
      apiError(() => fake.createPaymentIntent(KEY, body, REQUEST, '2026-10-28.endive')).reply.error,
    ).toMatchObject({
      code: 'payment_method_types_no_longer_supported',
      param: 'payment_method_types',
    });
  });

  it('filters allowed_payment_method_types to the methods the account has, and needs no return_url for cards', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(
      KEY,
      form(
        'amount=1000&currency=usd&allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=ideal&payment_method=pm_card_visa&confirm=true',
      ),
      REQUEST,
    );
    expect(intent).toMatchObject({
      status: 'succeeded',
      allowed_payment_method_types: ['card', 'ideal'],
      payment_method_types: ['card'],
      automatic_payment_methods: null,
    });
    expect(
      apiError(() =>
        fake.createPaymentIntent(
          KEY,
          form(
            'amount=1000&currency=usd&allowed_payment_method_types[0]=card&automatic_payment_methods[enabled]=true',
          ),
          REQUEST,
        ),
      ).reply.status,
    ).toBe(400);
  });

  it('validates parameters like the API', () => {
    const { fake } = setup();
    expect(
      apiError(() => fake.createPaymentIntent(KEY, form('currency=usd'), REQUEST)).reply.error,
    ).toMatchObject({
      code: 'parameter_missing',
      param: 'amount',
      message: 'Missing required param: amount.',
    });
    expect(
      apiError(() => fake.createPaymentIntent(KEY, form('amount=10&currency=usd'), REQUEST)).reply.error,
    ).toMatchObject({
      code: 'amount_too_small',
      message: 'Amount must be at least $0.50 usd',
    });
    expect(
      apiError(() => fake.createPaymentIntent(KEY, form('amount=100&currency=usd&colour=red'), REQUEST)).reply
        .error.code,
    ).toBe('parameter_unknown');
    expect(
      apiError(() =>
        fake.createPaymentIntent(KEY, form('amount=100&currency=usd&payment_method=pm_nope'), REQUEST),
      ).reply,
    ).toMatchObject({
      status: 404,
      error: { code: 'resource_missing', message: "No such PaymentMethod: 'pm_nope'" },
    });
    expect(apiError(() => fake.retrievePaymentIntent(KEY, 'pi_missing')).reply.status).toBe(404);
  });

  it('keeps each API key an account of its own', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(KEY, form('amount=1000&currency=usd'), REQUEST);
    expect(apiError(() => fake.retrievePaymentIntent('sk_test_other', intent.id)).reply.error.code).toBe(
      'resource_missing',
    );
  });

  it('authorizes with manual capture, then captures or cancels', () => {
    const { fake } = setup();
    const held = fake.createPaymentIntent(
      KEY,
      form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_visa&capture_method=manual`),
      REQUEST,
    );
    expect(held).toMatchObject({ status: 'requires_capture', amount_capturable: 1000 });
    expect(fake.capturePaymentIntent(KEY, held.id, form(''), REQUEST)).toMatchObject({
      status: 'succeeded',
      amount_received: 1000,
    });

    const voided = fake.createPaymentIntent(
      KEY,
      form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_visa&capture_method=manual`),
      REQUEST,
    );
    const canceled = fake.cancelPaymentIntent(
      KEY,
      voided.id,
      form('cancellation_reason=requested_by_customer'),
      REQUEST,
    );
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'requested_by_customer' });
    expect(fake.retrieveCharge(KEY, canceled.latest_charge as string).refunded).toBe(true);
  });

  it('refuses to cancel a succeeded intent, as the API does', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(
      KEY,
      form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_visa`),
      REQUEST,
    );
    const error = apiError(() => fake.cancelPaymentIntent(KEY, intent.id, form(''), REQUEST));
    expect(error.reply.error).toMatchObject({
      code: 'payment_intent_unexpected_state',
      message:
        'You cannot cancel this PaymentIntent because it has a status of succeeded. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.',
    });
  });

  it('moves to requires_action for a card that needs authentication', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(
      KEY,
      form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_authenticationRequired`),
      REQUEST,
    );
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action?.type).toBe('use_stripe_sdk');
  });
});

describe('StripeFake error_on_requires_action', () => {
  it('declines a card that needs authentication instead of waiting for it', () => {
    const { fake, events } = setup();
    const error = apiError(() =>
      fake.createPaymentIntent(
        KEY,
        form(
          `amount=1000&${CONFIRM_CARD}&payment_method=pm_card_authenticationRequired&error_on_requires_action=true`,
        ),
        REQUEST,
      ),
    );
    expect(error.reply.status).toBe(402);
    expect(error.reply.error).toMatchObject({
      type: 'card_error',
      code: 'authentication_required',
      decline_code: 'authentication_required',
      payment_intent: { status: 'requires_payment_method', next_action: null },
    });
    expect(events.map((e) => e.type)).toEqual([
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
    ]);
  });

  it('changes nothing for a card that needs no authentication', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(
      KEY,
      form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_visa&error_on_requires_action=true`),
      REQUEST,
    );
    expect(intent.status).toBe('succeeded');
  });
});

describe('StripeFake events', () => {
  it('carry the id and idempotency key of the request that caused them', () => {
    const { fake, events } = setup();
    fake.createPaymentIntent(KEY, form(`amount=1000&${CONFIRM_CARD}&payment_method=pm_card_visa`), {
      id: 'req_keyed',
      idempotencyKey: 'attempt-42',
    });
    fake.createPaymentIntent(KEY, form('amount=1000&currency=usd'), { id: 'req_bare', idempotencyKey: null });
    expect(events.map((e) => [e.type, e.request])).toEqual([
      ['payment_intent.created', { id: 'req_keyed', idempotency_key: 'attempt-42' }],
      ['charge.succeeded', { id: 'req_keyed', idempotency_key: 'attempt-42' }],
      ['payment_intent.succeeded', { id: 'req_keyed', idempotency_key: 'attempt-42' }],
      ['payment_intent.created', { id: 'req_bare', idempotency_key: null }],
    ]);
  });
});

describe('StripeFake refunds', () => {
  function paid(fake: StripeFake, amount = 5000) {
    return fake.createPaymentIntent(
      KEY,
      form(`amount=${amount}&${CONFIRM_CARD}&payment_method=pm_card_visa`),
      REQUEST,
    );
  }

  it('refunds partially, then the rest, then refuses', () => {
    const { fake, events } = setup();
    const intent = paid(fake);
    expect(fake.createRefund(KEY, form(`payment_intent=${intent.id}&amount=1500`), REQUEST)).toMatchObject({
      amount: 1500,
      status: 'succeeded',
      payment_intent: intent.id,
    });
    expect(fake.createRefund(KEY, form(`payment_intent=${intent.id}`), REQUEST).amount).toBe(3500);
    const charge = fake.retrieveCharge(KEY, intent.latest_charge as string);
    expect(charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(
      apiError(() => fake.createRefund(KEY, form(`payment_intent=${intent.id}`), REQUEST)).reply.error,
    ).toMatchObject({
      code: 'charge_already_refunded',
      message: `Charge ${charge.id} has already been refunded.`,
    });
    expect(events.filter((e) => e.type === 'refund.created')).toHaveLength(2);
  });

  it('refuses more than the charge or more than what is left', () => {
    const { fake } = setup();
    const intent = paid(fake);
    expect(
      apiError(() => fake.createRefund(KEY, form(`payment_intent=${intent.id}&amount=5001`), REQUEST)).reply
        .error,
    ).toMatchObject({
      code: 'amount_too_large',
      param: 'amount',
      message: 'Refund amount ($50.01) is greater than charge amount ($50.00)',
    });
    fake.createRefund(KEY, form(`payment_intent=${intent.id}&amount=4000`), REQUEST);
    expect(
      apiError(() =>
        fake.createRefund(KEY, form(`charge=${intent.latest_charge as string}&amount=2000`), REQUEST),
      ).reply.error.message,
    ).toBe('Refund amount ($20.00) is greater than unrefunded amount on charge ($10.00)');
  });

  it('refuses to refund an intent without a successful charge', () => {
    const { fake } = setup();
    const intent = fake.createPaymentIntent(KEY, form('amount=1000&currency=usd'), REQUEST);
    expect(
      apiError(() => fake.createRefund(KEY, form(`payment_intent=${intent.id}`), REQUEST)).reply.error
        .message,
    ).toBe('This PaymentIntent does not have a successful charge to refund.');
  });

  it('reports the captured, unrefunded total as pending balance', () => {
    const { fake } = setup();
    const intent = paid(fake, 3000);
    fake.createRefund(KEY, form(`payment_intent=${intent.id}&amount=1000`), REQUEST);
    expect(fake.retrieveBalance(KEY).pending).toEqual([
      { amount: 2000, currency: 'usd', source_types: { card: 2000 } },
    ]);
  });
});
