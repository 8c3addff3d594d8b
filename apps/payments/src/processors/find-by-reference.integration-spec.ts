/**
 * Real: the processor sandbox over HTTP on 127.0.0.1, the Authorize.net adapter with the
 * official SDK's reporting controllers, and the Converge adapter with its hand-written client.
 * Faked: the processors themselves — the sandbox answers in their place.
 */
import { randomUUID } from 'node:crypto';
import { AuthorizeNetProcessor } from './authorize-net.processor';
import { ConvergeClient } from './converge.client';
import { ConvergeProcessor } from './converge.processor';
import { attemptReference } from './payment-processor';
import { sandboxEndpoints } from './processor-factory';
import {
  acceptNonce,
  startProcessorSandbox,
  testCredentials,
  type ProcessorSandbox,
} from './test/processor-sandbox';

let sandbox: ProcessorSandbox;

beforeAll(async () => {
  sandbox = await startProcessorSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox.close();
});

const window = () => ({ since: new Date(Date.now() - 60_000), until: new Date(Date.now() + 60_000) });

describe('AuthorizeNetProcessor.findByReference', () => {
  const adapter = (credentials = testCredentials.authorizeNet()) =>
    new AuthorizeNetProcessor({
      ...credentials,
      endpoint: sandboxEndpoints(sandbox.url).authorizeNet,
      timeoutMs: 5000,
    });

  async function charged(
    anet: AuthorizeNetProcessor,
    credentials: ReturnType<typeof testCredentials.authorizeNet>,
    key: string,
  ) {
    const token = await acceptNonce(
      sandboxEndpoints(sandbox.url).authorizeNet,
      credentials.apiLoginId,
      credentials.publicClientKey,
      { cardNumber: '4111111111111111' },
    );
    const result = await anet.charge({ token, amount: 3_100, currency: 'USD', idempotencyKey: key });
    if (result.outcome !== 'approved') throw new Error(`not approved: ${result.outcome}`);
    return result.transactionId;
  }

  it('finds an unsettled charge, and a settled one, by the invoice number it was sent with', async () => {
    const credentials = testCredentials.authorizeNet();
    const anet = adapter(credentials);
    const key = randomUUID();
    const transId = await charged(anet, credentials, key);
    await expect(
      anet.findByReference({ reference: attemptReference(key), ...window() }),
    ).resolves.toMatchObject({
      outcome: 'found',
      transaction: { transactionId: transId, status: 'approved', amount: 3_100, settled: false },
    });
    sandbox.settle();
    await expect(
      anet.findByReference({ reference: attemptReference(key), ...window() }),
    ).resolves.toMatchObject({
      outcome: 'found',
      transaction: { transactionId: transId, status: 'approved', settled: true },
    });
  });

  it('answers not_found for a reference it never saw, and unknown when the lists cannot be read', async () => {
    const credentials = testCredentials.authorizeNet();
    await charged(adapter(credentials), credentials, randomUUID());
    await expect(
      adapter(credentials).findByReference({ reference: attemptReference(randomUUID()), ...window() }),
    ).resolves.toEqual({ outcome: 'not_found' });
    await expect(
      adapter({ ...credentials, transactionKey: 'short' }).findByReference({
        reference: attemptReference(randomUUID()),
        ...window(),
      }),
    ).resolves.toMatchObject({ outcome: 'unknown', error: expect.stringContaining('E00007') });
  });
});

describe('ConvergeProcessor.findByReference', () => {
  const adapter = (credentials: ReturnType<typeof testCredentials.converge>) =>
    new ConvergeProcessor({ ...credentials, url: sandboxEndpoints(sandbox.url).converge, timeoutMs: 5000 });

  async function token(credentials: ReturnType<typeof testCredentials.converge>): Promise<string> {
    const browser = new ConvergeClient({
      url: sandboxEndpoints(sandbox.url).converge,
      ...credentials,
      timeoutMs: 5000,
    });
    const answer = await browser.send('ccgettoken', {
      ssl_card_number: '4000000000000002',
      ssl_exp_date: '1235',
    });
    if (answer.kind !== 'txn' || !answer.fields['ssl_token']) throw new Error('no token');
    return answer.fields['ssl_token'];
  }

  it('finds the approved or declined sale by its ssl_invoice_number, and nothing for another reference', async () => {
    const credentials = testCredentials.converge();
    const converge = adapter(credentials);
    const approvedKey = randomUUID();
    const approved = await converge.charge({
      token: await token(credentials),
      amount: 2_000,
      currency: 'USD',
      idempotencyKey: approvedKey,
    });
    if (approved.outcome !== 'approved') throw new Error('not approved');
    const declinedKey = randomUUID();
    // 05 cents: the demo environment's DECLINED.
    await converge.charge({
      token: await token(credentials),
      amount: 2_005,
      currency: 'USD',
      idempotencyKey: declinedKey,
    });

    await expect(
      converge.findByReference({ reference: attemptReference(approvedKey), ...window() }),
    ).resolves.toMatchObject({
      outcome: 'found',
      transaction: { transactionId: approved.transactionId, status: 'approved', amount: 2_000 },
    });
    await expect(
      converge.findByReference({ reference: attemptReference(declinedKey), ...window() }),
    ).resolves.toMatchObject({
      outcome: 'found',
      transaction: { status: 'declined', amount: 2_005 },
    });
    await expect(
      converge.findByReference({ reference: attemptReference(randomUUID()), ...window() }),
    ).resolves.toEqual({ outcome: 'not_found' });
  });

  it('answers unknown when Converge refuses the query', async () => {
    const credentials = testCredentials.converge();
    await expect(
      adapter({ ...credentials, merchantId: 'not-digits' }).findByReference({
        reference: 'ref',
        ...window(),
      }),
    ).resolves.toEqual({ outcome: 'unknown', error: 'Converge answered 4025' });
  });
});
