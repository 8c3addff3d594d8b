// Real: the payments service as main.ts starts it (the shared service world: its own throwaway
// PostgreSQL database, RabbitMQ, its job worker on Redis), the official authorizenet SDK and the
// Converge client inside the adapters, and the processor sandbox over HTTP. Faked: the
// processors themselves (the sandbox answers in their place) and the clock (a test clock).
// What a crash before the processor's answer leaves is written straight into the table: an
// attempt STARTED with its reference and no transaction id.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { CreateProcessorAccount, type Actor } from '@arbor/contracts';
import { JobQueue } from '@arbor/jobs';
import type { ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { SERVICE_NAME } from '../payments.config';
import { ConvergeClient } from '../processors/converge.client';
import { attemptReference } from '../processors/payment-processor';
import { createProcessor, sandboxEndpoints } from '../processors/processor-factory';
import { acceptNonce, testCredentials, type ProcessorSandbox } from '../processors/test/processor-sandbox';
import { NOT_RECEIVED_AFTER_MS } from './payments.service';
import { paymentAttempts } from './payments.schema';
import { RecoverPaymentAttempts } from './recover-attempts.job';
import { startPaymentsWorld, type PaymentsWorld } from './test/payments-world';

type Account =
  | { type: 'authorize_net'; credentials: ReturnType<typeof testCredentials.authorizeNet> }
  | { type: 'elavon'; credentials: ReturnType<typeof testCredentials.converge> };

describe('recovering attempts that died before the processor named their transaction', () => {
  let sandbox: ProcessorSandbox;
  let world: ServiceWorld;
  let payments: PaymentsWorld | undefined;

  beforeAll(async () => {
    ({ world, sandbox } = payments = await startPaymentsWorld());
  });

  afterAll(async () => {
    await payments?.close();
  });

  const accounts = {
    authorize_net: (): Account => ({ type: 'authorize_net', credentials: testCredentials.authorizeNet() }),
    elavon: (): Account => ({ type: 'elavon', credentials: testCredentials.converge() }),
  };

  /** A practice whose active processor is this account; answers its id and the account's. */
  async function practiceWith(account: Account): Promise<{ practiceId: string; accountId: string }> {
    const practiceId = uuidv7();
    const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
    await world.bus.send(CreateProcessorAccount, {
      actor: admin,
      account: { description: 'Cards', ...account },
    });
    const [row] = (
      await world.database.db.execute<{ id: string }>(
        `SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`,
      )
    ).rows;
    return { practiceId, accountId: row!.id };
  }

  /** What the browser's card fields make: an Accept.js nonce, or a Converge `ssl_token`. */
  async function browserToken(account: Account): Promise<string> {
    const endpoints = sandboxEndpoints(sandbox.url);
    if (account.type === 'authorize_net') {
      return acceptNonce(
        endpoints.authorizeNet,
        account.credentials.apiLoginId,
        account.credentials.publicClientKey,
        { cardNumber: '4111111111111111' },
      );
    }
    const browser = new ConvergeClient({ url: endpoints.converge, ...account.credentials, timeoutMs: 5000 });
    const answer = await browser.send('ccgettoken', {
      ssl_card_number: '4000000000000002',
      ssl_exp_date: '1235',
    });
    if (answer.kind !== 'txn' || !answer.fields['ssl_token']) throw new Error('no Converge token');
    return answer.fields['ssl_token'];
  }

  /** The attempt as a crash before the processor's answer leaves it: STARTED, no transaction id. */
  async function leftStarted(
    account: Account,
    ids: { practiceId: string; accountId: string },
    attemptId: string,
    amount: number,
  ): Promise<void> {
    await world.database.db.insert(paymentAttempts).values({
      id: attemptId,
      practiceId: ids.practiceId,
      invoiceId: uuidv7(),
      idempotencyKey: randomUUID(),
      requestFingerprint: 'before-the-crash',
      amount,
      currency: 'USD',
      processorAccountId: ids.accountId,
      processor: account.type,
      processorAttemptReference: attemptReference(attemptId),
      status: 'STARTED',
      startedAt: world.clock.now(),
    });
  }

  async function runRecovery(jobId: string): Promise<void> {
    const queue = new JobQueue({
      service: SERVICE_NAME,
      redisUrl: world.servers.redisUrl,
      namespace: world.namespace,
    });
    try {
      const id = await queue.enqueue(RecoverPaymentAttempts, {}, { jobId });
      await eventually(async () => {
        const job = await queue.bull.getJob(id);
        if (!(await job?.isCompleted())) throw new Error('recovery not run yet');
      });
    } finally {
      await queue.close();
    }
  }

  const attemptRow = async (id: string) =>
    (await world.database.db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id)))[0];

  const eventsFor = (type: string, attemptId: string) =>
    world.events.events.filter((e) => e.type === type && e.data['attemptId'] === attemptId);

  describe.each([
    ['Authorize.net', 'authorize_net', false],
    ['Authorize.net, after the batch settled', 'authorize_net', true],
    ['Converge', 'elavon', false],
  ] as const)('%s', (_name, type, settleFirst) => {
    it('settles a charge made at the processor whose transaction id was never recorded: one succeeded attempt, one event', async () => {
      const account = accounts[type]();
      const ids = await practiceWith(account);
      const attemptId = uuidv7();
      // The charge the crashed request made, exactly as the service sends it (the attempt's id
      // as the key, so its reference as the invoice number); its answer is then lost.
      const adapter = createProcessor(account.type, account.credentials, sandboxEndpoints(sandbox.url));
      const charged = await adapter.charge({
        token: await browserToken(account),
        amount: 4_200,
        currency: 'USD',
        idempotencyKey: attemptId,
      });
      if (charged.outcome !== 'approved') throw new Error(`the sandbox did not approve: ${charged.outcome}`);
      if (settleFirst) sandbox.settle();
      await leftStarted(account, ids, attemptId, 4_200);

      world.clock.advance(61_000);
      await runRecovery(`${attemptId}-1`);
      expect(await attemptRow(attemptId)).toMatchObject({
        status: 'SUCCEEDED',
        transactionId: charged.transactionId,
      });
      await runRecovery(`${attemptId}-2`); // again: settled once, nothing emitted twice
      await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)[0]?.data).toMatchObject({
        amount: 4_200,
        processorReference: charged.transactionId,
      });
      expect(eventsFor('payments.payment.failed.v1', attemptId)).toHaveLength(0);
    });
  });

  describe.each([
    ['Authorize.net', 'authorize_net'],
    ['Converge', 'elavon'],
  ] as const)('%s', (_name, type) => {
    it('leaves a reference the processor never saw UNKNOWN while it may still arrive, then settles it as failed once', async () => {
      const account = accounts[type]();
      const ids = await practiceWith(account);
      const attemptId = uuidv7();
      await leftStarted(account, ids, attemptId, 1_900);

      world.clock.advance(61_000);
      await runRecovery(`${attemptId}-1`);
      expect(await attemptRow(attemptId)).toMatchObject({
        status: 'UNKNOWN',
        lastError: expect.stringContaining(`no charge with reference ${attemptReference(attemptId)} yet`),
      });
      expect(eventsFor('payments.payment.failed.v1', attemptId)).toHaveLength(0);

      world.clock.advance(NOT_RECEIVED_AFTER_MS);
      await runRecovery(`${attemptId}-2`);
      expect(await attemptRow(attemptId)).toMatchObject({
        status: 'DECLINED',
        transactionId: null,
        declineCode: 'not_received',
      });
      await runRecovery(`${attemptId}-3`);
      await world.events.next('payments.payment.failed.v1', (d) => d['attemptId'] === attemptId);
      expect(eventsFor('payments.payment.failed.v1', attemptId)).toHaveLength(1);
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(0);
    });
  });
});
