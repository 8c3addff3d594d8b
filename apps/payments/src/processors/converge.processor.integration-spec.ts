/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, ConvergeProcessor and its hand-written
 * XML client over `fetch`, the client's `ccgettoken` standing in for Checkout.js in the browser,
 * and a TCP server that never answers. Faked: Converge itself — the sandbox answers in its place.
 */
import { randomUUID } from 'node:crypto';
import { ConvergeClient, ConvergeNoAnswerError } from './converge.client';
import { ConvergeProcessor } from './converge.processor';
import type { PaymentProcessor } from './payment-processor';
import { createProcessor, sandboxEndpoints } from './processor-factory';
import {
  startProcessorSandbox,
  startSilentServer,
  testCredentials,
  type ProcessorSandbox,
} from './test/processor-sandbox';

let sandbox: ProcessorSandbox;
let url: string;
let credentials: ReturnType<typeof testCredentials.converge>;
let converge: PaymentProcessor;

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0 });
  url = sandboxEndpoints(sandbox.url).converge;
});

beforeEach(() => {
  credentials = testCredentials.converge();
  converge = createProcessor('elavon', credentials, sandboxEndpoints(sandbox.url), { timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox.close();
});

/** What Checkout.js does in the browser: the card to Converge's ccgettoken, an ssl_token back. */
async function cardToken(cardNumber = '4000000000000002'): Promise<string> {
  const browser = new ConvergeClient({ url, ...credentials, timeoutMs: 5000 });
  const answer = await browser.send('ccgettoken', { ssl_card_number: cardNumber, ssl_exp_date: '1235' });
  if (answer.kind !== 'txn' || !answer.fields['ssl_token'])
    throw new Error(`no token: ${JSON.stringify(answer)}`);
  return answer.fields['ssl_token'];
}

async function paid(amount: number): Promise<string> {
  const result = await converge.charge({
    token: await cardToken(),
    amount,
    currency: 'USD',
    idempotencyKey: randomUUID(),
  });
  if (result.outcome !== 'approved') throw new Error(`not approved: ${JSON.stringify(result)}`);
  return result.transactionId;
}

describe('Converge charges', () => {
  it('approves a token sale; txnquery shows it open, then settled', async () => {
    const result = await converge.charge({
      token: await cardToken('4124939999999990'),
      amount: 4200,
      currency: 'usd',
      idempotencyKey: randomUUID(),
      description: 'Session & notes <x>',
    });
    expect(result).toEqual({
      outcome: 'approved',
      transactionId: expect.stringMatching(/^\d{6}[A-Z0-9]{3}-[0-9A-F-]{36}$/),
      amount: 4200,
      raw: { approvalCode: expect.stringMatching(/^[A-Z0-9]{6}$/), cardType: 'VISA', last4: '9990' },
    });
    if (result.outcome !== 'approved') throw new Error('not approved');
    expect(await converge.retrieve({ transactionId: result.transactionId })).toEqual({
      outcome: 'found',
      transaction: expect.objectContaining({ status: 'approved', amount: 4200, settled: false }),
    });
    sandbox.settle();
    expect(await converge.retrieve({ transactionId: result.transactionId })).toMatchObject({
      transaction: { settled: true },
    });
  });

  it.each([
    [4205, '05', 'Your card was declined.', 'DECLINED'],
    [4254, '54', 'Your card has expired.', 'EXPIRED CARD'],
    [4204, '04', 'Your card was declined.', 'PICK UP CARD'],
  ])('declines %i cents (issuer %s) in words fit for the client', async (amount, code, reason, detail) => {
    expect(
      await converge.charge({
        token: await cardToken(),
        amount,
        currency: 'USD',
        idempotencyKey: randomUUID(),
      }),
    ).toEqual({
      outcome: 'declined',
      by: 'issuer',
      reason,
      code,
      detail,
      transactionId: expect.any(String),
    });
  });

  it('refuses a token Converge does not know as a processor refusal', async () => {
    expect(
      await converge.charge({
        token: '1234567890120002',
        amount: 1000,
        currency: 'USD',
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({
      outcome: 'declined',
      by: 'processor',
      code: '5087',
    });
  });

  it('charges once per idempotency key: the same answer, and the key refused with other parameters', async () => {
    const token = await cardToken();
    const key = randomUUID();
    const [first, concurrent] = await Promise.all([
      converge.charge({ token, amount: 1500, currency: 'USD', idempotencyKey: key }),
      converge.charge({ token, amount: 1500, currency: 'USD', idempotencyKey: key }),
    ]);
    expect(first.outcome).toBe('approved');
    expect(concurrent).toEqual(first);
    expect(await converge.charge({ token, amount: 1500, currency: 'USD', idempotencyKey: key })).toEqual(
      first,
    );
    await expect(
      converge.charge({ token, amount: 1600, currency: 'USD', idempotencyKey: key }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    // One sale: after settlement it refunds in full once, and then nothing remains.
    if (first.outcome !== 'approved') throw new Error('not approved');
    sandbox.settle();
    expect(
      await converge.refund({
        transactionId: first.transactionId,
        amount: 1500,
        idempotencyKey: randomUUID(),
      }),
    ).toMatchObject({
      outcome: 'approved',
    });
    expect(
      await converge.refund({ transactionId: first.transactionId, amount: 1, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'rejected',
      code: 'exceeds_remaining',
    });
  });
});

describe('Converge refunds and voids', () => {
  it('returns only settled sales: in part, never more than remains, then the rest', async () => {
    const transactionId = await paid(8000);
    expect(
      await converge.refund({ transactionId, amount: 8000, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'rejected',
      code: 'void_instead',
      processorCode: '5040',
    });
    sandbox.settle();
    expect(
      await converge.refund({ transactionId, amount: 3000, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'approved',
      amount: 3000,
      pending: false,
    });
    expect(await converge.refund({ transactionId, amount: 5001, idempotencyKey: randomUUID() })).toEqual({
      outcome: 'rejected',
      code: 'exceeds_remaining',
      processorCode: '5091',
      reason: 'The refund is more than what remains of the payment.',
    });
    expect(
      await converge.refund({ transactionId, amount: 5000, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'approved',
      amount: 5000,
    });
  });

  it('refunds a settled sale in full', async () => {
    const transactionId = await paid(4500);
    sandbox.settle();
    expect(
      await converge.refund({ transactionId, amount: 4500, idempotencyKey: randomUUID() }),
    ).toMatchObject({
      outcome: 'approved',
      amount: 4500,
    });
  });

  it('voids an open sale, once; a settled one it says to refund', async () => {
    const early = await paid(3000);
    expect(await converge.void({ transactionId: early })).toEqual({
      outcome: 'approved',
      transactionId: early,
    });
    expect(await converge.retrieve({ transactionId: early })).toMatchObject({
      transaction: { status: 'voided' },
    });
    expect(await converge.void({ transactionId: early })).toMatchObject({
      outcome: 'rejected',
      code: 'already_voided',
    });

    const late = await paid(3100);
    sandbox.settle();
    expect(await converge.void({ transactionId: late })).toMatchObject({
      outcome: 'rejected',
      code: 'refund_instead',
    });
  });

  it('answers not_found for a sale of another merchant', async () => {
    const transactionId = await paid(1000);
    const other = createProcessor('elavon', testCredentials.converge(), sandboxEndpoints(sandbox.url));
    expect(await other.retrieve({ transactionId })).toEqual({ outcome: 'not_found' });
    expect(await other.void({ transactionId })).toMatchObject({ outcome: 'rejected', code: 'not_found' });
  });
});

describe('Converge when it does not answer', () => {
  it('leaves sale, return, void and query unknown at the deadline', async () => {
    const silent = await startSilentServer();
    try {
      const hung = createProcessor(
        'elavon',
        credentials,
        { converge: `http://127.0.0.1:${silent.port}/VirtualMerchantDemo/processxml.do` },
        { timeoutMs: 300 },
      );
      const started = Date.now();
      expect(
        await hung.charge({ token: 'T', amount: 4200, currency: 'USD', idempotencyKey: randomUUID() }),
      ).toEqual({
        outcome: 'unknown',
        error: 'no answer within 300 ms',
      });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(
        await hung.refund({ transactionId: 'X', amount: 100, idempotencyKey: randomUUID() }),
      ).toMatchObject({ outcome: 'unknown' });
      expect(await hung.void({ transactionId: 'X' })).toMatchObject({ outcome: 'unknown' });
      expect(await hung.retrieve({ transactionId: 'X' })).toMatchObject({ outcome: 'unknown' });
      expect(await hung.testConnection()).toEqual({
        ok: false,
        message: expect.stringMatching(/Could not reach Converge/),
      });
    } finally {
      await silent.close();
    }
  });
});

describe('Converge connection test and browser config', () => {
  it('accepts good credentials and names all three on 4025', async () => {
    expect(await converge.testConnection()).toEqual({
      ok: true,
      message: 'Converge accepted the Merchant ID, User ID and PIN.',
    });
    // The sandbox accepts every well-formed triple; a malformed PIN stands for a wrong one.
    const wrong = new ConvergeProcessor({ ...credentials, pin: 'not-a-pin!', url });
    expect(await wrong.testConnection()).toEqual({
      ok: false,
      message: expect.stringMatching(/^Converge refused the Merchant ID, User ID and PIN together/),
    });
  });

  it('loads Checkout.js from beside the API and needs a session per payment', () => {
    expect(converge.clientConfig()).toEqual({
      processor: 'elavon',
      scriptUrl: new URL('/hosted-payments/Checkout.js', sandbox.url).toString(),
      sessionRequired: true,
    });
  });

  it('gets a Checkout.js session token from Hosted Payments, for this merchant, to tokenize a card', async () => {
    const session = await new ConvergeProcessor({ ...credentials, url }).createPaymentSession();
    expect(session.processor).toBe('elavon');
    expect(sandbox.convergeSession(session.sessionToken)).toMatchObject({
      merchantId: credentials.merchantId,
      userId: credentials.userId,
      transactionType: 'ccgettoken',
    });
  });

  it('takes no refusal for a session token', async () => {
    const client = new ConvergeClient({ url, ...credentials, pin: 'not-a-pin!', timeoutMs: 5000 });
    await expect(client.createSessionToken()).rejects.toThrow(ConvergeNoAnswerError);
  });

  it('has no webhooks', () => {
    expect(() => converge.verifyWebhook({}, '{}')).toThrow(
      expect.objectContaining({ reason: 'not_supported' }),
    );
  });
});
