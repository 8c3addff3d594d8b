import Stripe from 'stripe';
import { ArborError } from '@arbor/contracts';
import { WebhookRejectedError } from './payment-processor';
import {
  StripeProcessor,
  chargeFailureOf,
  chargeResultOf,
  connectionFailureMessage,
  keyModeMismatch,
  refundFailureOf,
  transactionIdOfEvent,
  voidFailureOf,
} from './stripe.processor';

const intent = (fields: Partial<Stripe.PaymentIntent>) =>
  ({
    id: 'pi_1',
    amount: 4200,
    amount_received: 0,
    latest_charge: null,
    last_payment_error: null,
    ...fields,
  }) as Stripe.PaymentIntent;

describe('Stripe charge mapping', () => {
  it('approves a succeeded PaymentIntent with the amount received', () => {
    expect(
      chargeResultOf(intent({ status: 'succeeded', amount_received: 4200, latest_charge: 'ch_1' })),
    ).toEqual({
      outcome: 'approved',
      transactionId: 'pi_1',
      amount: 4200,
      raw: { status: 'succeeded', charge: 'ch_1' },
    });
  });

  it("declines a card error with Stripe's cardholder message and the decline code", () => {
    const error = new Stripe.errors.StripeCardError({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      payment_intent: intent({ id: 'pi_declined', status: 'requires_payment_method' }),
      statusCode: 402,
    });
    // The stripe SDK's `type` is the class name; the wire value is `rawType`.
    expect(error.type).toBe('StripeCardError');
    expect(error.rawType).toBe('card_error');
    expect(chargeFailureOf(error)).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason: 'Your card has insufficient funds.',
      code: 'insufficient_funds',
      transactionId: 'pi_declined',
    });
  });

  it('falls back to the error code when the bank gave no decline code', () => {
    const error = new Stripe.errors.StripeCardError({
      type: 'card_error',
      code: 'expired_card',
      message: 'Your card has expired.',
    });
    expect(chargeFailureOf(error)).toMatchObject({
      outcome: 'declined',
      code: 'expired_card',
      reason: 'Your card has expired.',
    });
  });

  it.each([
    [
      'a connection failure',
      new Stripe.errors.StripeConnectionError({
        message: 'Request aborted due to timeout being reached (300ms)',
      }),
    ],
    ['a 500', new Stripe.errors.StripeAPIError({ message: 'internal', statusCode: 500 })],
    [
      'a 429',
      new Stripe.errors.StripeRateLimitError({
        message: 'lock_timeout',
        statusCode: 429,
      }),
    ],
    [
      'a 409 key in use',
      new Stripe.errors.StripeInvalidRequestError({
        code: 'idempotency_key_in_use',
        message: 'in use',
        statusCode: 409,
      }),
    ],
    ['a non-Stripe error', new Error('socket hang up')],
  ])('leaves %s unknown, to be resolved rather than retried', (_name, error) => {
    expect(chargeFailureOf(error)).toMatchObject({ outcome: 'unknown' });
  });

  it('declines on the processor side when Stripe refuses the request, without showing its words', () => {
    const error = new Stripe.errors.StripeAuthenticationError({
      message: 'Invalid API Key provided: sk_test_****1234',
      statusCode: 401,
    });
    const result = chargeFailureOf(error);
    expect(result).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      detail: 'Invalid API Key provided: sk_test_****1234',
    });
    expect(result.outcome === 'declined' && result.reason).not.toContain('sk_test');
  });

  it('refuses an idempotency key reused with other parameters', () => {
    const error = new Stripe.errors.StripeIdempotencyError({
      type: 'idempotency_error',
      message: 'Keys for idempotent requests can only be used with the same parameters',
    });
    expect(() => chargeFailureOf(error)).toThrow(ArborError);
  });

  it('declines a PaymentIntent left waiting for 3-D Secure, and keeps processing ones unknown', () => {
    expect(chargeResultOf(intent({ status: 'requires_action' }))).toMatchObject({
      outcome: 'declined',
      code: 'authentication_required',
      transactionId: 'pi_1',
    });
    expect(chargeResultOf(intent({ status: 'processing' }))).toMatchObject({
      outcome: 'unknown',
      transactionId: 'pi_1',
    });
  });
});

describe('Stripe refund and void mapping', () => {
  const invalid = (code: string, message: string, extra: Record<string, unknown> = {}) =>
    new Stripe.errors.StripeInvalidRequestError({
      type: 'invalid_request_error',
      code,
      message,
      statusCode: 400,
      ...extra,
    });

  it('names a refund over what remains, and one already made in full', () => {
    expect(
      refundFailureOf(
        invalid(
          'amount_too_large',
          'Refund amount ($40.00) is greater than unrefunded amount on charge ($37.50)',
        ),
      ),
    ).toEqual({
      outcome: 'rejected',
      code: 'exceeds_remaining',
      processorCode: 'amount_too_large',
      reason: 'Refund amount ($40.00) is greater than unrefunded amount on charge ($37.50)',
    });
    expect(
      refundFailureOf(invalid('charge_already_refunded', 'Charge ch_1 has already been refunded.')),
    ).toMatchObject({
      code: 'already_refunded',
    });
  });

  it('says to refund a captured payment rather than void it', () => {
    const error = invalid(
      'payment_intent_unexpected_state',
      'You cannot cancel this PaymentIntent because it has a status of succeeded.',
      {
        payment_intent: intent({ status: 'succeeded' }),
      },
    );
    expect(voidFailureOf(error)).toMatchObject({ outcome: 'rejected', code: 'refund_instead' });
  });
});

describe('Stripe connection test messages', () => {
  it('names the Secret key when Stripe refuses it', () => {
    const error = new Stripe.errors.StripeAuthenticationError({
      message: 'Invalid API Key provided',
      statusCode: 401,
    });
    expect(connectionFailureMessage(error)).toMatch(/Secret key/);
    expect(connectionFailureMessage(new Stripe.errors.StripeConnectionError({ message: 'timeout' }))).toMatch(
      /Could not reach Stripe/,
    );
  });

  it('refuses a test key beside a live one before calling Stripe', () => {
    expect(keyModeMismatch('sk_test_abc', 'pk_live_abc')).toMatch(
      /Publishable key is a live key but the Secret key is a test key/,
    );
    expect(keyModeMismatch('sk_live_abc', 'pk_live_abc')).toBeUndefined();
  });
});

describe('Stripe webhooks', () => {
  const secret = 'whsec_unitTestSecret0123456789';
  const now = 1_800_000_000_000;
  const processor = new StripeProcessor({
    secretKey: 'sk_test_unit0123456789',
    publishableKey: 'pk_test_unit0123456789',
    webhookSecret: secret,
    now: () => now,
  });
  const signer = new Stripe('sk_test_unit0123456789');
  const body = JSON.stringify({
    id: 'evt_1',
    object: 'event',
    type: 'charge.refunded',
    data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_9' } },
  });
  const signed = (payload: string, timestampSeconds: number) => ({
    'stripe-signature': signer.webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: timestampSeconds,
    }),
  });

  it('accepts a good signature and names the PaymentIntent the event is about', () => {
    expect(processor.verifyWebhook(signed(body, now / 1000), body)).toEqual({
      id: 'evt_1',
      type: 'charge.refunded',
      transactionId: 'pi_9',
    });
    expect(processor.verifyWebhook(signed(body, now / 1000), Buffer.from(body))).toMatchObject({
      id: 'evt_1',
    });
  });

  it('refuses a tampered body, a stale timestamp and a missing header, each by name', () => {
    const headers = signed(body, now / 1000);
    expect(() => processor.verifyWebhook(headers, body.replace('pi_9', 'pi_8'))).toThrow(
      expect.objectContaining({ reason: 'bad_signature' }),
    );
    expect(() => processor.verifyWebhook(signed(body, now / 1000 - 301), body)).toThrow(
      expect.objectContaining({ reason: 'stale' }),
    );
    expect(() => processor.verifyWebhook({}, body)).toThrow(
      expect.objectContaining({ reason: 'missing_signature' }),
    );
    expect(() => processor.verifyWebhook({ 'stripe-signature': 'nonsense' }, body)).toThrow(
      WebhookRejectedError,
    );
  });

  it('refuses every webhook while no signing secret is set', () => {
    const without = new StripeProcessor({
      secretKey: 'sk_test_unit0123456789',
      publishableKey: 'pk_test_unit0123456789',
    });
    expect(() => without.verifyWebhook(signed(body, Date.now() / 1000), body)).toThrow(
      expect.objectContaining({ reason: 'not_configured' }),
    );
  });

  it('finds the PaymentIntent of intent, charge and refund events', () => {
    const event = (object: Record<string, unknown>) => ({ data: { object } }) as unknown as Stripe.Event;
    expect(transactionIdOfEvent(event({ object: 'payment_intent', id: 'pi_1' }))).toBe('pi_1');
    expect(transactionIdOfEvent(event({ object: 'refund', id: 're_1', payment_intent: 'pi_2' }))).toBe(
      'pi_2',
    );
    expect(transactionIdOfEvent(event({ object: 'balance', id: 'x' }))).toBeUndefined();
  });
});

describe('Stripe clientConfig', () => {
  it('gives the browser the publishable key and Stripe.js, and nothing secret', () => {
    const config = new StripeProcessor({
      secretKey: 'sk_test_secret000000',
      publishableKey: 'pk_test_public000000',
    }).clientConfig();
    expect(config).toEqual({
      processor: 'stripe',
      publishableKey: 'pk_test_public000000',
      scriptUrl: 'https://js.stripe.com/v3/',
    });
    expect(JSON.stringify(config)).not.toContain('sk_test');
  });
});
