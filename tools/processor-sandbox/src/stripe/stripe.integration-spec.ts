/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, driven by the official `stripe` Node SDK
 * (`new Stripe(key, { host, port, protocol: 'http' })`), and a local HTTP endpoint receiving its
 * webhooks, verified with the SDK's `stripe.webhooks.constructEvent`.
 * Faked: Stripe itself — the sandbox answers in its place.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver';
import { startProcessorSandbox, type ProcessorSandbox } from '../sandbox';

let sandbox: ProcessorSandbox;
let stripe: Stripe;

function client(key: string): Stripe {
  return new Stripe(key, { host: '127.0.0.1', port: sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
}

async function rejection(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (caught) {
    if (caught instanceof Stripe.errors.StripeError) return caught;
    throw caught;
  }
  throw new Error('expected the Stripe call to fail');
}

/** A card charge the way Arbor makes it: confirmed at once, cards only, no redirects. */
function charge(amount: number, paymentMethod: string, options?: Stripe.RequestOptions) {
  return stripe.paymentIntents.create(
    {
      amount,
      currency: 'usd',
      payment_method: paymentMethod,
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      metadata: { invoice: 'INV-1' },
    },
    options,
  );
}

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0, host: '127.0.0.1' });
});

beforeEach(() => {
  stripe = client(`sk_test_${randomUUID().replace(/-/g, '')}`);
});

afterAll(async () => {
  await sandbox.close();
});

describe('Stripe through the official SDK', () => {
  it('charges a test card: a succeeded PaymentIntent with a captured charge', async () => {
    const intent = await charge(4200, 'pm_card_visa');
    expect(intent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 4200,
      amount_received: 4200,
    });
    expect(intent.metadata).toEqual({ invoice: 'INV-1' });

    const retrieved = await stripe.paymentIntents.retrieve(intent.id, { expand: ['latest_charge'] });
    const latest = retrieved.latest_charge as Stripe.Charge;
    expect(latest).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      captured: true,
      amount_captured: 4200,
    });
    expect(latest.payment_method_details?.card?.last4).toBe('4242');
  });

  it('declines with a StripeCardError carrying the decline code and the intent', async () => {
    const error = await rejection(charge(4200, 'pm_card_visa_chargeDeclined'));
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error.type).toBe('StripeCardError');
    expect(error.rawType).toBe('card_error');
    expect(error.statusCode).toBe(402);
    expect(error.code).toBe('card_declined');
    expect(error.decline_code).toBe('generic_decline');
    expect(error.message).toBe('Your card was declined.');
    expect(error.payment_intent?.status).toBe('requires_payment_method');

    const insufficient = await rejection(charge(4200, 'pm_card_chargeDeclinedInsufficientFunds'));
    expect(insufficient.decline_code).toBe('insufficient_funds');
  });

  it('refunds in part, then the rest, and refuses more than remains', async () => {
    const intent = await charge(5000, 'pm_card_mastercard');
    const partial = await stripe.refunds.create({ payment_intent: intent.id, amount: 1250 });
    expect(partial).toMatchObject({
      object: 'refund',
      status: 'succeeded',
      amount: 1250,
      payment_intent: intent.id,
    });

    const tooMuch = await rejection(stripe.refunds.create({ payment_intent: intent.id, amount: 4000 }));
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch.code).toBe('amount_too_large');
    expect(tooMuch.message).toBe(
      'Refund amount ($40.00) is greater than unrefunded amount on charge ($37.50)',
    );

    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3750);
    expect((await stripe.refunds.retrieve(rest.id)).id).toBe(rest.id);
    expect((await rejection(stripe.refunds.create({ payment_intent: intent.id }))).code).toBe(
      'charge_already_refunded',
    );
  });

  it('voids an authorization by canceling it, and refuses to cancel a completed payment', async () => {
    const held = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      capture_method: 'manual',
      confirm: true,
    });
    expect(held.status).toBe('requires_capture');
    const canceled = await stripe.paymentIntents.cancel(held.id, {
      cancellation_reason: 'requested_by_customer',
    });
    expect(canceled.status).toBe('canceled');

    const paid = await charge(3000, 'pm_card_visa');
    const error = await rejection(stripe.paymentIntents.cancel(paid.id));
    expect(error.code).toBe('payment_intent_unexpected_state');
  });

  it('replays an idempotent request and refuses the key with other parameters', async () => {
    const key = randomUUID();
    const first = await charge(1500, 'pm_card_visa', { idempotencyKey: key });
    const again = await charge(1500, 'pm_card_visa', { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');

    const declinedKey = randomUUID();
    const declined = await rejection(
      charge(1500, 'pm_card_visa_chargeDeclined', { idempotencyKey: declinedKey }),
    );
    const replayedDecline = await rejection(
      charge(1500, 'pm_card_visa_chargeDeclined', { idempotencyKey: declinedKey }),
    );
    expect(replayedDecline.payment_intent?.id).toBe(declined.payment_intent?.id);

    const mismatch = await rejection(charge(1600, 'pm_card_visa', { idempotencyKey: key }));
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(mismatch.rawType).toBe('idempotency_error');
    expect(mismatch.statusCode).toBe(400);
  });

  it('fails the attempt with a 402 card error when error_on_requires_action meets a 3-D Secure card', async () => {
    const created = await rejection(
      stripe.paymentIntents.create({
        amount: 1900,
        currency: 'usd',
        payment_method: 'pm_card_authenticationRequired',
        confirm: true,
        error_on_requires_action: true,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      }),
    );
    expect(created).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(created.statusCode).toBe(402);
    expect(created.rawType).toBe('card_error');
    expect(created.code).toBe('authentication_required');
    expect(created.decline_code).toBe('authentication_required');
    expect(created.payment_intent).toMatchObject({
      status: 'requires_payment_method',
      next_action: null,
      last_payment_error: { code: 'authentication_required', type: 'card_error' },
    });

    const pending = await stripe.paymentIntents.create({
      amount: 1900,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const confirmed = await rejection(
      stripe.paymentIntents.confirm(pending.id, {
        payment_method: 'pm_card_threeDSecure2Required',
        error_on_requires_action: true,
      }),
    );
    expect(confirmed).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(confirmed.code).toBe('authentication_required');
    expect(confirmed.payment_intent?.id).toBe(pending.id);
    expect((await stripe.paymentIntents.retrieve(pending.id)).status).toBe('requires_payment_method');
  });

  it('answers the balance for a test-connection check and refuses malformed keys with 401', async () => {
    const balance = await stripe.balance.retrieve();
    expect(balance.object).toBe('balance');

    // A fake live-mode key, spelt so that secret scanners do not mistake it for a real one.
    const error = await rejection(client(`sk_${'live'}_notATestKey1234`).balance.retrieve());
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('Invalid API Key provided: sk_live_***********1234');
  });

  it('answers unknown objects with resource_missing', async () => {
    const error = await rejection(stripe.paymentIntents.retrieve('pi_doesNotExist'));
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe('resource_missing');
  });
});

describe('Stripe webhooks', () => {
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('delivers events signed so that stripe.webhooks.constructEvent accepts them', async () => {
    const response = await fetch(`${sandbox.url}/_sandbox/webhooks/stripe`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: receiver.url }),
    });
    const { secret } = (await response.json()) as { secret: string };
    expect(secret).toMatch(/^whsec_/);

    const intent = await charge(2100, 'pm_card_visa');
    const hook = await receiver.next(
      (h) => h.body.includes(intent.id) && h.body.includes('"payment_intent.succeeded"'),
    );
    const header = hook.headers['stripe-signature'] as string;
    const event = stripe.webhooks.constructEvent(hook.body, header, secret);
    expect(event.type).toBe('payment_intent.succeeded');
    if (event.type === 'payment_intent.succeeded') expect(event.data.object.id).toBe(intent.id);

    expect(() => stripe.webhooks.constructEvent(hook.body.replace('2100', '2101'), header, secret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const anHourLaterMs = Date.now() + 3_600_000;
    expect(() =>
      stripe.webhooks.constructEvent(hook.body, header, secret, 300, undefined, anHourLaterMs),
    ).toThrow(/tolerance/);
  });

  it('names in each event the request that caused it, with its idempotency key', async () => {
    const { secret } = sandbox.setStripeWebhook({ url: receiver.url });
    const key = randomUUID();
    const intent = await charge(2300, 'pm_card_visa', { idempotencyKey: key });
    const hook = await receiver.next(
      (h) => h.body.includes(intent.id) && h.body.includes('"payment_intent.succeeded"'),
    );
    const event = stripe.webhooks.constructEvent(
      hook.body,
      hook.headers['stripe-signature'] as string,
      secret,
    );
    expect(event.request).toEqual({ id: intent.lastResponse.requestId, idempotency_key: key });
  });

  it('delivers a triggered event on demand', async () => {
    const { secret } = sandbox.setStripeWebhook({ url: receiver.url });
    const intent = await charge(2200, 'pm_card_visa');
    await sandbox.webhooksIdle();
    const delivery = await sandbox.triggerStripeEvent('payment_intent.succeeded', intent.id);
    expect(delivery.status).toBe(200);
    const hook = await receiver.next((h) => h.body.includes(delivery.eventId));
    const event = stripe.webhooks.constructEvent(
      hook.body,
      hook.headers['stripe-signature'] as string,
      secret,
    );
    expect(event.id).toBe(delivery.eventId);
  });
});
