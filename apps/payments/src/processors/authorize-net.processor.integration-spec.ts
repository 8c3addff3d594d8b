/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, the official `authorizenet` SDK (contracts,
 * controllers, its own axios) inside AuthorizeNetProcessor, `fetch` standing in for Accept.js in
 * the browser, a local endpoint receiving signed webhooks, and TCP servers that never answer or
 * refuse. Faked: Authorize.net itself — the sandbox answers in its place.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { AuthorizeNetProcessor, ACCEPT_JS_URLS } from './authorize-net.processor';
import type { PaymentProcessor } from './payment-processor';
import { createProcessor, sandboxEndpoints } from './processor-factory';
import {
  acceptNonce,
  startProcessorSandbox,
  startSilentServer,
  startWebhookReceiver,
  testCredentials,
  type ProcessorSandbox,
} from './test/processor-sandbox';

let sandbox: ProcessorSandbox;
let endpoint: string;
let credentials: ReturnType<typeof testCredentials.authorizeNet>;
let anet: PaymentProcessor;

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0 });
  endpoint = sandboxEndpoints(sandbox.url).authorizeNet;
});

beforeEach(() => {
  // A fresh API Login ID per test is a fresh merchant in the sandbox.
  credentials = testCredentials.authorizeNet();
  anet = createProcessor('authorize_net', credentials, sandboxEndpoints(sandbox.url), { timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
});

const nonce = (card: { cardNumber?: string; zip?: string } = {}) =>
  acceptNonce(endpoint, credentials.apiLoginId, credentials.publicClientKey, {
    cardNumber: '4111111111111111',
    ...card,
  });

async function paid(amount: number): Promise<string> {
  const result = await anet.charge({
    token: await nonce(),
    amount,
    currency: 'USD',
    idempotencyKey: randomUUID(),
  });
  if (result.outcome !== 'approved') throw new Error(`not approved: ${JSON.stringify(result)}`);
  return result.transactionId;
}

describe('Authorize.net charges', () => {
  it('approves an Accept nonce; retrieve shows it unsettled, then settled', async () => {
    const result = await anet.charge({
      token: await nonce({ cardNumber: '4007000000027' }),
      amount: 2550,
      currency: 'USD',
      idempotencyKey: randomUUID(),
      description: 'Invoice INV-0001 & co <session>',
    });
    expect(result).toEqual({
      outcome: 'approved',
      transactionId: expect.stringMatching(/^\d+$/),
      amount: 2550,
      raw: { authCode: expect.any(String), accountType: 'Visa', last4: '0027' },
    });
    if (result.outcome !== 'approved') throw new Error('not approved');
    expect(await anet.retrieve({ transactionId: result.transactionId })).toMatchObject({
      outcome: 'found',
      transaction: { status: 'approved', amount: 2550, settled: false },
    });
    sandbox.settle();
    expect(await anet.retrieve({ transactionId: result.transactionId })).toMatchObject({
      transaction: { status: 'approved', settled: true },
    });
  });

  it("declines a card billed to ZIP 46282 with Authorize.net's reason", async () => {
    const result = await anet.charge({
      token: await nonce({ zip: '46282' }),
      amount: 2650,
      currency: 'USD',
      idempotencyKey: randomUUID(),
    });
    expect(result).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason: 'This transaction has been declined.',
      code: '2',
      transactionId: expect.stringMatching(/^\d+$/),
    });
    if (result.outcome !== 'declined') throw new Error('not declined');
    expect(await anet.retrieve({ transactionId: result.transactionId! })).toMatchObject({
      transaction: { status: 'declined' },
    });
  });

  it('charges once per idempotency key, even from another instance with the same token', async () => {
    const receiver = await startWebhookReceiver();
    try {
      sandbox.setAuthorizeNetWebhook({ url: receiver.url, signatureKey: credentials.signatureKey });
      await sandbox.webhooksIdle();
      const chargesBefore = sandbox
        .deliveries()
        .filter((d) => d.eventType.endsWith('authcapture.created')).length;
      const key = randomUUID();
      const input = { token: await nonce(), amount: 1500, currency: 'USD', idempotencyKey: key };
      const first = await anet.charge(input);
      expect(first.outcome).toBe('approved');
      expect(await anet.charge(input)).toEqual(first);
      // Another replica (a fresh adapter) with the same attempt: the one-use nonce is spent.
      const replica = createProcessor('authorize_net', credentials, sandboxEndpoints(sandbox.url));
      expect(await replica.charge(input)).toMatchObject({
        outcome: 'declined',
        by: 'processor',
        code: 'E00114',
      });
      await expect(anet.charge({ ...input, amount: 1600 })).rejects.toMatchObject({ code: 'conflict' });
      await sandbox.webhooksIdle();
      expect(
        sandbox.deliveries().filter((d) => d.eventType.endsWith('authcapture.created')).length -
          chargesBefore,
      ).toBe(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('Authorize.net refunds and voids', () => {
  it('refunds only after settlement: in part, never more than remains, then the rest', async () => {
    const transactionId = await paid(8000);
    expect(await anet.refund({ transactionId, amount: 8000, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'rejected',
      code: 'void_instead',
    });
    sandbox.settle();
    expect(await anet.refund({ transactionId, amount: 3000, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'approved',
      amount: 3000,
      refundId: expect.stringMatching(/^\d+$/),
    });
    expect(await anet.refund({ transactionId, amount: 5001, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'rejected',
      code: 'exceeds_remaining',
      processorCode: '55',
    });
    expect(await anet.refund({ transactionId, amount: 5000, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'approved',
      amount: 5000,
    });
  });

  it('refunds a settled payment in full', async () => {
    const transactionId = await paid(4500);
    sandbox.settle();
    expect(await anet.refund({ transactionId, amount: 4500, idempotencyKey: randomUUID() })).toMatchObject({
      outcome: 'approved',
      amount: 4500,
    });
  });

  it('voids before settlement, once; after settlement it says to refund', async () => {
    const early = await paid(3000);
    expect(await anet.void({ transactionId: early })).toEqual({ outcome: 'approved', transactionId: early });
    expect(await anet.retrieve({ transactionId: early })).toMatchObject({
      transaction: { status: 'voided' },
    });
    expect(await anet.void({ transactionId: early })).toMatchObject({
      outcome: 'rejected',
      code: 'already_voided',
    });

    const late = await paid(3100);
    sandbox.settle();
    expect(await anet.void({ transactionId: late })).toMatchObject({
      outcome: 'rejected',
      code: 'refund_instead',
    });
  });

  it('answers not_found for a transaction of another merchant', async () => {
    const transactionId = await paid(1000);
    const other = createProcessor(
      'authorize_net',
      testCredentials.authorizeNet(),
      sandboxEndpoints(sandbox.url),
    );
    expect(await other.retrieve({ transactionId })).toEqual({ outcome: 'not_found' });
    expect(await other.refund({ transactionId, amount: 100, idempotencyKey: randomUUID() })).toMatchObject({
      code: 'not_found',
    });
  });
});

describe('Authorize.net when it does not answer', () => {
  it('leaves a charge unknown at the deadline; a refund that could not even look up is refused', async () => {
    const silent = await startSilentServer();
    try {
      const hung = createProcessor(
        'authorize_net',
        credentials,
        { authorizeNet: `http://127.0.0.1:${silent.port}/xml/v1/request.api` },
        { timeoutMs: 300 },
      );
      const started = Date.now();
      expect(
        await hung.charge({ token: 'nonce', amount: 4200, currency: 'USD', idempotencyKey: randomUUID() }),
      ).toEqual({
        outcome: 'unknown',
        error: expect.stringMatching(/ECONNABORTED|no answer within 300 ms/),
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await hung.void({ transactionId: '1' })).toMatchObject({ outcome: 'unknown' });
      expect(await hung.retrieve({ transactionId: '1' })).toMatchObject({ outcome: 'unknown' });
      expect(
        await hung.refund({ transactionId: '1', amount: 100, idempotencyKey: randomUUID() }),
      ).toMatchObject({
        outcome: 'rejected',
        code: 'processor_unavailable',
      });
      expect(await hung.testConnection()).toEqual({
        ok: false,
        message: expect.stringMatching(/Could not reach Authorize.net/),
      });
    } finally {
      await silent.close();
    }
  });

  it('fails fast, still unknown, when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = createProcessor(
      'authorize_net',
      credentials,
      { authorizeNet: `http://127.0.0.1:${port}/xml/v1/request.api` },
      { timeoutMs: 10_000 },
    );
    const started = Date.now();
    expect(
      await refused.charge({ token: 'nonce', amount: 4200, currency: 'USD', idempotencyKey: randomUUID() }),
    ).toEqual({
      outcome: 'unknown',
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('Authorize.net connection test', () => {
  it('accepts good credentials and names the one that is wrong', async () => {
    expect(await anet.testConnection()).toEqual({
      ok: true,
      message: 'Authorize.net accepted the API Login ID, Transaction Key and Public Client Key.',
    });
    // The sandbox, like stripe-mock, accepts every well-formed key; a malformed one stands for a wrong one.
    const wrongKey = new AuthorizeNetProcessor({ ...credentials, transactionKey: 'wrongKey', endpoint });
    expect(await wrongKey.testConnection()).toEqual({
      ok: false,
      message: expect.stringMatching(/^Authorize.net refused the API Login ID and Transaction Key/),
    });
    const wrongClientKey = new AuthorizeNetProcessor({ ...credentials, publicClientKey: 'short', endpoint });
    expect(await wrongClientKey.testConnection()).toEqual({
      ok: false,
      message: expect.stringMatching(/^Authorize.net refused the Public Client Key/),
    });
  });

  it('points the browser at the sandbox Accept.js when the API is not production', () => {
    expect(anet.clientConfig()).toEqual({
      processor: 'authorize_net',
      apiLoginId: credentials.apiLoginId,
      publicClientKey: credentials.publicClientKey,
      scriptUrl: ACCEPT_JS_URLS.sandbox,
    });
  });
});

describe('Authorize.net webhooks from the sandbox', () => {
  it('verifies a delivered notification, and refuses it tampered or stale', async () => {
    const receiver = await startWebhookReceiver();
    try {
      sandbox.setAuthorizeNetWebhook({ url: receiver.url, signatureKey: credentials.signatureKey });
      const transactionId = await paid(4500);
      const hook = await receiver.next((h) => h.body.includes(transactionId));
      expect(anet.verifyWebhook(hook.headers, hook.body)).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'net.authorize.payment.authcapture.created',
        transactionId,
      });
      expect(() =>
        anet.verifyWebhook(hook.headers, hook.body.replace('"authAmount":45', '"authAmount":46')),
      ).toThrow(expect.objectContaining({ reason: 'bad_signature' }));
      const fourDaysLater = createProcessor('authorize_net', credentials, sandboxEndpoints(sandbox.url), {
        now: () => Date.now() + 4 * 24 * 3_600_000,
      });
      expect(() => fourDaysLater.verifyWebhook(hook.headers, hook.body)).toThrow(
        expect.objectContaining({ reason: 'stale' }),
      );
    } finally {
      await sandbox.webhooksIdle();
      await receiver.close();
    }
  });
});
