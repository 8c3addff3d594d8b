/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, the official `stripe` SDK inside
 * StripeProcessor (built by createProcessor with the sandbox's endpoints), a local endpoint
 * receiving the sandbox's signed webhooks, and a TCP server that never answers.
 * Faked: Stripe itself — the sandbox answers in its place.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { PaymentProcessor } from './payment-processor';
import { createProcessor, sandboxEndpoints } from './processor-factory';
import {
  startProcessorSandbox,
  startSilentServer,
  startWebhookReceiver,
  testCredentials,
  type ProcessorSandbox,
} from './test/processor-sandbox';

let sandbox: ProcessorSandbox;
let credentials: ReturnType<typeof testCredentials.stripe>;
let stripe: PaymentProcessor;

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0 });
});

beforeEach(() => {
  // A fresh key per test is a fresh Stripe account in the sandbox.
  credentials = testCredentials.stripe();
  stripe = createProcessor('stripe', credentials, sandboxEndpoints(sandbox.url), { timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
});

const charge = (token: string, amount: number, idempotencyKey: string = randomUUID()) =>
  stripe.charge({ token, amount, currency: 'USD', idempotencyKey, description: 'Invoice INV-0001' });

describe('Stripe charges', () => {
  it('approves a PaymentMethod from the Payment Element, and retrieve agrees', async () => {
    const result = await charge('pm_card_visa', 4200);
    expect(result).toMatchObject({
      outcome: 'approved',
      amount: 4200,
      transactionId: expect.stringMatching(/^pi_/),
    });
    if (result.outcome !== 'approved') throw new Error('not approved');
    expect(await stripe.retrieve({ transactionId: result.transactionId })).toEqual({
      outcome: 'found',
      transaction: expect.objectContaining({
        transactionId: result.transactionId,
        status: 'approved',
        amount: 4200,
        refundedAmount: 0,
      }),
    });
  });

  it("declines with Stripe's reason for the client and the bank's decline code", async () => {
    const generic = await charge('pm_card_visa_chargeDeclined', 4200);
    expect(generic).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason: 'Your card was declined.',
      code: 'generic_decline',
      transactionId: expect.stringMatching(/^pi_/),
    });
    expect(await charge('pm_card_chargeDeclinedInsufficientFunds', 4200)).toMatchObject({
      outcome: 'declined',
      reason: 'Your card has insufficient funds.',
      code: 'insufficient_funds',
    });
    expect(await charge('pm_card_chargeDeclinedExpiredCard', 4200)).toMatchObject({ code: 'expired_card' });
    if (generic.outcome !== 'declined') throw new Error('not declined');
    expect(await stripe.retrieve({ transactionId: generic.transactionId! })).toMatchObject({
      transaction: { status: 'declined' },
    });
  });

  it('charges once per idempotency key, and refuses the key with another amount', async () => {
    const key = randomUUID();
    const first = await charge('pm_card_visa', 1500, key);
    const again = await charge('pm_card_visa', 1500, key);
    expect(first.outcome).toBe('approved');
    expect(again).toEqual(first);
    // One charge: refunding it in full once leaves nothing to refund.
    if (first.outcome !== 'approved') throw new Error('not approved');
    expect(
      await stripe.refund({ transactionId: first.transactionId, amount: 1500, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'approved',
    });
    await expect(charge('pm_card_visa', 1600, key)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses an unusable PaymentMethod as a processor refusal, asking for the card again', async () => {
    expect(await charge('pm_doesNotExist', 1500)).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: 'resource_missing',
      reason: 'The card details could not be used. Please enter them again.',
    });
  });
});

describe('Stripe refunds and voids', () => {
  it('refunds in part, then the rest; refuses more than remains and a second full refund', async () => {
    const paid = await charge('pm_card_mastercard', 5000);
    if (paid.outcome !== 'approved') throw new Error('not approved');
    const transactionId = paid.transactionId;
    expect(await stripe.refund({ transactionId, amount: 1250, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'approved',
      amount: 1250,
      pending: false,
      refundId: expect.stringMatching(/^re_/),
    });
    expect(await stripe.refund({ transactionId, amount: 4000, idempotencyKey: randomUUID() })).toEqual({
      outcome: 'rejected',
      code: 'exceeds_remaining',
      processorCode: 'amount_too_large',
      reason: 'Refund amount ($40.00) is greater than unrefunded amount on charge ($37.50)',
    });
    expect(await stripe.refund({ transactionId, amount: 3750, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'approved',
      amount: 3750,
    });
    expect(await stripe.refund({ transactionId, amount: 100, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'rejected',
      code: 'already_refunded',
    });
    expect(await stripe.retrieve({ transactionId })).toMatchObject({ transaction: { refundedAmount: 5000 } });
  });

  it('refunds in full at once', async () => {
    const paid = await charge('pm_card_visa', 2500);
    if (paid.outcome !== 'approved') throw new Error('not approved');
    expect(
      await stripe.refund({ transactionId: paid.transactionId, amount: 2500, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'approved',
      amount: 2500,
    });
  });

  it('voids an uncaptured payment, and sends a captured one to refund (settled or not)', async () => {
    // Arbor captures at once; an authorization is made directly to show what a void cancels.
    const sdk = new Stripe(credentials.secretKey, {
      host: '127.0.0.1',
      port: sandbox.port,
      protocol: 'http',
    });
    const held = await sdk.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      allowed_payment_method_types: ['card'],
      capture_method: 'manual',
      confirm: true,
    });
    expect(await stripe.void({ transactionId: held.id })).toEqual({
      outcome: 'approved',
      transactionId: held.id,
    });
    expect(await stripe.retrieve({ transactionId: held.id })).toMatchObject({
      transaction: { status: 'voided' },
    });

    const paid = await charge('pm_card_visa', 3000);
    if (paid.outcome !== 'approved') throw new Error('not approved');
    expect(await stripe.void({ transactionId: paid.transactionId })).toMatchObject({
      outcome: 'rejected',
      code: 'refund_instead',
    });
    sandbox.settle();
    expect(await stripe.void({ transactionId: paid.transactionId })).toMatchObject({
      outcome: 'rejected',
      code: 'refund_instead',
    });
  });

  it('answers not_found for a PaymentIntent of another account', async () => {
    const paid = await charge('pm_card_visa', 1000);
    if (paid.outcome !== 'approved') throw new Error('not approved');
    const other = createProcessor('stripe', testCredentials.stripe(), sandboxEndpoints(sandbox.url));
    expect(await other.retrieve({ transactionId: paid.transactionId })).toEqual({ outcome: 'not_found' });
    expect(
      await other.refund({ transactionId: paid.transactionId, amount: 100, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'rejected',
      code: 'not_found',
    });
  });
});

describe('Stripe when it does not answer', () => {
  it('leaves charge, refund and retrieve unknown at the deadline, and says so on a connection test', async () => {
    const silent = await startSilentServer();
    try {
      const hung = createProcessor(
        'stripe',
        credentials,
        { stripe: { host: '127.0.0.1', port: silent.port, protocol: 'http' } },
        { timeoutMs: 300 },
      );
      const started = Date.now();
      expect(
        await hung.charge({
          token: 'pm_card_visa',
          amount: 4200,
          currency: 'usd',
          idempotencyKey: randomUUID(),
        }),
      ).toEqual({
        outcome: 'unknown',
        error: expect.stringMatching(/StripeConnectionError/),
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(
        await hung.refund({ transactionId: 'pi_x', amount: 100, idempotencyKey: randomUUID() }),
      ).toMatchObject({ outcome: 'unknown' });
      expect(await hung.retrieve({ transactionId: 'pi_x' })).toMatchObject({ outcome: 'unknown' });
      expect(await hung.testConnection()).toEqual({
        ok: false,
        message: expect.stringMatching(/Could not reach Stripe/),
      });
    } finally {
      await silent.close();
    }
  });
});

describe('Stripe connection test', () => {
  it('accepts good keys and names the Secret key when refused', async () => {
    expect(await stripe.testConnection()).toEqual({ ok: true, message: 'Stripe accepted the Secret key.' });
    const live = createProcessor(
      'stripe',
      // Fake live-mode keys, spelt so that secret scanners do not mistake them for real ones.
      {
        ...credentials,
        secretKey: `sk_${'live'}_notATestKey1234`,
        publishableKey: `pk_${'live'}_notATestKey1234`,
      },
      sandboxEndpoints(sandbox.url),
    );
    expect(await live.testConnection()).toEqual({
      ok: false,
      message: expect.stringMatching(/^Stripe refused the Secret key/),
    });
    const mixed = createProcessor(
      'stripe',
      { ...credentials, publishableKey: 'pk_live_abcdefghij1234' },
      sandboxEndpoints(sandbox.url),
    );
    expect(await mixed.testConnection()).toMatchObject({
      ok: false,
      message: expect.stringMatching(/same mode/),
    });
  });

  it('gives the browser the publishable key', () => {
    expect(stripe.clientConfig()).toEqual({
      processor: 'stripe',
      publishableKey: credentials.publishableKey,
      scriptUrl: 'https://js.stripe.com/v3/',
    });
  });
});

describe('Stripe webhooks from the sandbox', () => {
  it('verifies a delivered event, and refuses it tampered or stale', async () => {
    const receiver = await startWebhookReceiver();
    try {
      sandbox.setStripeWebhook({ url: receiver.url, secret: credentials.webhookSecret });
      const paid = await charge('pm_card_visa', 2100);
      if (paid.outcome !== 'approved') throw new Error('not approved');
      const hook = await receiver.next(
        (h) => h.body.includes(paid.transactionId) && h.body.includes('"payment_intent.succeeded"'),
      );
      expect(stripe.verifyWebhook(hook.headers, hook.body)).toEqual({
        id: expect.stringMatching(/^evt_/),
        type: 'payment_intent.succeeded',
        transactionId: paid.transactionId,
      });
      expect(() => stripe.verifyWebhook(hook.headers, hook.body.replace('2100', '2101'))).toThrow(
        expect.objectContaining({ reason: 'bad_signature' }),
      );
      const anHourLater = createProcessor('stripe', credentials, sandboxEndpoints(sandbox.url), {
        now: () => Date.now() + 3_600_000,
      });
      expect(() => anHourLater.verifyWebhook(hook.headers, hook.body)).toThrow(
        expect.objectContaining({ reason: 'stale' }),
      );
      const otherSecret = createProcessor('stripe', testCredentials.stripe(), sandboxEndpoints(sandbox.url));
      expect(() => otherSecret.verifyWebhook(hook.headers, hook.body)).toThrow(
        expect.objectContaining({ reason: 'bad_signature' }),
      );
    } finally {
      await sandbox.webhooksIdle();
      await receiver.close();
    }
  });
});
