// Real: the payments service started as main.ts starts it (the shared service world: its own
// throwaway PostgreSQL database, RabbitMQ, its job worker on Redis), the official Stripe SDK
// inside the adapter, and the processor sandbox over HTTP, whose signed webhooks tell how many
// charges it made. Faked: Stripe itself (the sandbox answers in its place), the clock (a test
// clock is the service's Clock), and the caller (invoicing), whose actors are made up here.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  ChargePayment,
  CreateProcessorAccount,
  RefundPayment,
  type Actor,
  type AnyActor,
} from '@arbor/contracts';
import { JobQueue } from '@arbor/jobs';
import type { ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { SERVICE_NAME } from '../payments.config';
import { attemptReference } from '../processors/payment-processor';
import { createProcessor, sandboxEndpoints } from '../processors/processor-factory';
import { ConvergeClient } from '../processors/converge.client';
import {
  acceptNonce,
  startWebhookReceiver,
  testCredentials,
  type ProcessorSandbox,
} from '../processors/test/processor-sandbox';
import { paymentAttempts } from './payments.schema';
import { RecoverPaymentAttempts } from './recover-attempts.job';
import { startPaymentsWorld, type PaymentsWorld } from './test/payments-world';

const invoicing: AnyActor = { system: 'invoicing' };

describe('paying and refunding over the bus', () => {
  let sandbox: ProcessorSandbox;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let world: ServiceWorld;
  let payments: PaymentsWorld | undefined;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    ({ world, sandbox } = payments = await startPaymentsWorld());
    sandbox.setStripeWebhook({ url: receiver.url });
  });

  afterAll(async () => {
    await payments?.close();
    await receiver?.close();
  });

  /** A practice of its own, with a fresh Stripe account in the sandbox as its active processor. */
  async function stripePractice() {
    const practiceId = uuidv7();
    const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
    const credentials = testCredentials.stripe();
    await world.bus.send(CreateProcessorAccount, {
      actor: admin,
      account: { description: 'Stripe', type: 'stripe', credentials },
    });
    return { practiceId, credentials };
  }

  async function practiceWith(
    account:
      | { type: 'authorize_net'; credentials: ReturnType<typeof testCredentials.authorizeNet> }
      | { type: 'elavon'; credentials: ReturnType<typeof testCredentials.converge> },
  ) {
    const practiceId = uuidv7();
    const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
    await world.bus.send(CreateProcessorAccount, {
      actor: admin,
      account: { description: 'Cards', ...account },
    });
    return practiceId;
  }

  /** What Accept.js does in the browser: the card to Authorize.net, a one-use nonce back. */
  const anetNonce = (credentials: ReturnType<typeof testCredentials.authorizeNet>) =>
    acceptNonce(
      sandboxEndpoints(sandbox.url).authorizeNet,
      credentials.apiLoginId,
      credentials.publicClientKey,
      {
        cardNumber: '4111111111111111',
      },
    );

  /** What Checkout.js does in the browser: the card to Converge, an `ssl_token` back. */
  async function convergeToken(credentials: ReturnType<typeof testCredentials.converge>): Promise<string> {
    const browser = new ConvergeClient({
      url: sandboxEndpoints(sandbox.url).converge,
      ...credentials,
      timeoutMs: 5000,
    });
    const answer = await browser.send('ccgettoken', {
      ssl_card_number: '4000000000000002',
      ssl_exp_date: '1235',
    });
    if (answer.kind !== 'txn' || !answer.fields['ssl_token']) throw new Error('no Converge token');
    return answer.fields['ssl_token'];
  }

  const payment = (
    practiceId: string,
    overrides: Partial<{ token: string; amount: number; key: string }> = {},
  ) => ({
    practiceId,
    invoiceId: uuidv7(),
    amount: overrides.amount ?? 12_500,
    currency: 'USD',
    paymentToken: overrides.token ?? 'pm_card_visa',
    idempotencyKey: overrides.key ?? randomUUID(),
  });

  /** PaymentIntents the sandbox confirmed for this attempt, as its webhooks report them. */
  async function chargesAtSandbox(attemptId: string): Promise<number> {
    await sandbox.webhooksIdle();
    const reference = attemptReference(attemptId);
    return sandbox
      .deliveries()
      .filter((d) => d.eventType === 'payment_intent.succeeded' && d.body.includes(reference)).length;
  }

  const eventsFor = (type: string, attemptId: string) =>
    world.events.events.filter((e) => e.type === type && e.data['attemptId'] === attemptId);

  it('charges the token with the active processor and emits payment.succeeded once', async () => {
    const { practiceId } = await stripePractice();
    const body = payment(practiceId);
    const outcome = await world.bus.send(ChargePayment, { actor: invoicing, payment: body });
    expect(outcome).toEqual({
      status: 'succeeded',
      attemptId: expect.any(String),
      amount: 12_500,
      currency: 'USD',
      processorReference: expect.stringMatching(/^pi_/),
    });
    const event = await world.events.next(
      'payments.payment.succeeded.v1',
      (d) => d['attemptId'] === outcome.attemptId,
    );
    expect(event.data).toEqual({
      practiceId,
      invoiceId: body.invoiceId,
      attemptId: outcome.attemptId,
      amount: 12_500,
      currency: 'USD',
      processor: 'stripe',
      processorReference: outcome.status === 'succeeded' ? outcome.processorReference : '',
    });
    expect(await chargesAtSandbox(outcome.attemptId)).toBe(1);
    const [row] = await world.database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, outcome.attemptId));
    // Settled: the token is not kept once nothing needs to replay it.
    expect(row).toMatchObject({ status: 'SUCCEEDED', replayToken: null });
    expect(eventsFor('payments.payment.succeeded.v1', outcome.attemptId)).toHaveLength(1);
  });

  it('answers a declined card in plain words and emits payment.failed', async () => {
    const { practiceId } = await stripePractice();
    const outcome = await world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: payment(practiceId, { token: 'pm_card_chargeDeclinedInsufficientFunds' }),
    });
    expect(outcome).toEqual({
      status: 'declined',
      attemptId: expect.any(String),
      reason: 'Your card has insufficient funds.',
    });
    const event = await world.events.next(
      'payments.payment.failed.v1',
      (d) => d['attemptId'] === outcome.attemptId,
    );
    expect(event.data).toMatchObject({
      reason: 'Your card has insufficient funds.',
      code: 'insufficient_funds',
    });
    expect(await chargesAtSandbox(outcome.attemptId)).toBe(0);
  });

  it('answers the first outcome to the same idempotency key, sequential or concurrent, with one charge', async () => {
    const { practiceId } = await stripePractice();
    const body = payment(practiceId);
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () => world.bus.send(ChargePayment, { actor: invoicing, payment: body })),
    );
    const attemptIds = new Set(concurrent.map((o) => o.attemptId));
    expect(attemptIds.size).toBe(1);
    // One of them charged; the others saw its attempt in flight (pending) or finished (succeeded).
    expect(concurrent.filter((o) => o.status === 'succeeded').length).toBeGreaterThanOrEqual(1);
    expect(concurrent.every((o) => o.status === 'succeeded' || o.status === 'pending')).toBe(true);
    const [attemptId] = [...attemptIds] as [string];
    const again = await world.bus.send(ChargePayment, { actor: invoicing, payment: body });
    expect(again).toMatchObject({ status: 'succeeded', attemptId });
    expect(await chargesAtSandbox(attemptId)).toBe(1);
    await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
    expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
    const rows = await world.database.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.practiceId, practiceId));
    expect(rows).toHaveLength(1);
  });

  it('refuses the same idempotency key with other parameters', async () => {
    const { practiceId } = await stripePractice();
    const body = payment(practiceId);
    await world.bus.send(ChargePayment, { actor: invoicing, payment: body });
    const error = await world.bus
      .send(ChargePayment, { actor: invoicing, payment: { ...body, amount: body.amount + 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArborError);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('settles an attempt left STARTED after the processor approved it: one succeeded attempt, one event, one charge', async () => {
    const { practiceId, credentials } = await stripePractice();
    const [account] = await world.database.db
      .execute<{ id: string }>(`SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`)
      .then((r) => r.rows);
    // What a crash leaves: the attempt committed STARTED, the processor's approval never recorded.
    const attemptId = uuidv7();
    const stripe = createProcessor('stripe', credentials, sandboxEndpoints(sandbox.url));
    const approved = await stripe.charge({
      token: 'pm_card_visa',
      amount: 4_200,
      currency: 'USD',
      idempotencyKey: attemptId,
    });
    expect(approved.outcome).toBe('approved');
    const invoiceId = uuidv7();
    await world.database.db.insert(paymentAttempts).values({
      id: attemptId,
      practiceId,
      invoiceId,
      idempotencyKey: randomUUID(),
      requestFingerprint: 'before-the-crash',
      amount: 4_200,
      currency: 'USD',
      processorAccountId: account!.id,
      processor: 'stripe',
      processorAttemptReference: attemptReference(attemptId),
      replayToken: 'pm_card_visa',
      status: 'STARTED',
      startedAt: world.clock.now(),
    });

    const queue = new JobQueue({
      service: SERVICE_NAME,
      redisUrl: world.servers.redisUrl,
      namespace: world.namespace,
    });
    try {
      // Within the minute a request may still be on it: left alone.
      world.clock.advance(30_000);
      const earlyRun = await queue.enqueue(RecoverPaymentAttempts, {}, { jobId: `${attemptId}-early` });
      await eventually(async () => {
        const job = await queue.bull.getJob(earlyRun);
        if (!(await job?.isCompleted())) throw new Error('recovery not run yet');
      });
      const [early] = await world.database.db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.id, attemptId));
      expect(early?.status).toBe('STARTED');

      world.clock.advance(45_000);
      // Two runs at once, as two replicas would: the attempt is settled once.
      await Promise.all([
        queue.enqueue(RecoverPaymentAttempts, {}, { jobId: `${attemptId}-a` }),
        queue.enqueue(RecoverPaymentAttempts, {}, { jobId: `${attemptId}-b` }),
      ]);
      const settled = await eventually(async () => {
        const [row] = await world.database.db
          .select()
          .from(paymentAttempts)
          .where(eq(paymentAttempts.id, attemptId));
        if (row?.status !== 'SUCCEEDED') throw new Error(`attempt is ${row?.status}`);
        return row;
      });
      expect(settled).toMatchObject({
        transactionId: approved.outcome === 'approved' ? approved.transactionId : '',
        replayToken: null,
      });
    } finally {
      await queue.close();
    }
    await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
    expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
    expect(eventsFor('payments.payment.succeeded.v1', attemptId)[0]!.data).toMatchObject({
      invoiceId,
      amount: 4_200,
    });
    expect(await chargesAtSandbox(attemptId)).toBe(1);
  });

  it('refunds part, then the rest, and refuses a refund beyond what was captured', async () => {
    const { practiceId } = await stripePractice();
    const paid = await world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: payment(practiceId, { amount: 10_000 }),
    });
    if (paid.status !== 'succeeded') throw new Error(`not paid: ${paid.status}`);
    const refund = (amount: number | undefined, idempotencyKey = randomUUID()) =>
      world.bus.send(RefundPayment, {
        actor: invoicing,
        refund: { practiceId, attemptId: paid.attemptId, idempotencyKey, ...(amount ? { amount } : {}) },
      });

    const tooMuch = await refund(10_001).catch((e: unknown) => e);
    expect(tooMuch).toMatchObject({ code: 'conflict', details: { limit: 10_000, field: 'amount' } });

    const key = randomUUID();
    const first = await refund(3_000, key);
    expect(first).toMatchObject({ amount: 3_000, refundedTotal: 3_000, method: 'refund' });
    // The same key again answers the same refund, and gives nothing more back.
    await expect(refund(3_000, key)).resolves.toEqual(first);

    await expect(refund(7_001)).rejects.toMatchObject({ code: 'conflict', details: { limit: 7_000 } });
    await expect(refund(undefined)).resolves.toMatchObject({ amount: 7_000, refundedTotal: 10_000 });
    await expect(refund(1)).rejects.toMatchObject({ code: 'conflict' });

    await eventually(() => {
      const refunds = eventsFor('payments.refund.succeeded.v1', paid.attemptId);
      if (refunds.length < 2) throw new Error('refund events not published yet');
      expect(refunds.map((e) => [e.data['amount'], e.data['refundedTotal']])).toEqual([
        [3_000, 3_000],
        [7_000, 10_000],
      ]);
    });
  });

  it('lets concurrent refunds of one payment add up to no more than was paid', async () => {
    const { practiceId } = await stripePractice();
    const paid = await world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: payment(practiceId, { amount: 10_000 }),
    });
    if (paid.status !== 'succeeded') throw new Error(`not paid: ${paid.status}`);
    const results = await Promise.allSettled(
      [6_000, 6_000, 6_000].map((amount) =>
        world.bus.send(RefundPayment, {
          actor: invoicing,
          refund: { practiceId, attemptId: paid.attemptId, amount, idempotencyKey: randomUUID() },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const refused of results.filter((r) => r.status === 'rejected')) {
      expect(refused.reason).toMatchObject({ code: 'conflict', details: { limit: 4_000 } });
    }
  });

  it('refunds only a payment of the practice that went through', async () => {
    const { practiceId } = await stripePractice();
    const declined = await world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: payment(practiceId, { token: 'pm_card_visa_chargeDeclined' }),
    });
    const paid = await world.bus.send(ChargePayment, { actor: invoicing, payment: payment(practiceId) });
    const refund = (owner: string, attemptId: string) =>
      world.bus.send(RefundPayment, {
        actor: invoicing,
        refund: { practiceId: owner, attemptId, idempotencyKey: randomUUID() },
      });
    await expect(refund(practiceId, declined.attemptId)).rejects.toMatchObject({ code: 'conflict' });
    await expect(refund(uuidv7(), paid.attemptId)).rejects.toMatchObject({ code: 'not_found' });
  });

  describe('Authorize.net', () => {
    it('charges a nonce, voids instead of refunding while unsettled, and refunds partly once settled', async () => {
      const credentials = testCredentials.authorizeNet();
      const practiceId = await practiceWith({ type: 'authorize_net', credentials });
      const charge = async () => {
        const outcome = await world.bus.send(ChargePayment, {
          actor: invoicing,
          payment: payment(practiceId, { token: await anetNonce(credentials), amount: 5_000 }),
        });
        if (outcome.status !== 'succeeded') throw new Error(`not paid: ${JSON.stringify(outcome)}`);
        return outcome;
      };
      const refund = (attemptId: string, amount?: number) =>
        world.bus.send(RefundPayment, {
          actor: invoicing,
          refund: { practiceId, attemptId, idempotencyKey: randomUUID(), ...(amount ? { amount } : {}) },
        });

      const unsettled = await charge();
      await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === unsettled.attemptId);
      await expect(refund(unsettled.attemptId, 1_000)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/not settled yet/),
      });
      await expect(refund(unsettled.attemptId)).resolves.toMatchObject({
        amount: 5_000,
        refundedTotal: 5_000,
        method: 'void',
      });

      const settled = await charge();
      sandbox.settle();
      await expect(refund(settled.attemptId, 1_000)).resolves.toMatchObject({
        amount: 1_000,
        refundedTotal: 1_000,
        method: 'refund',
      });
      await expect(refund(settled.attemptId, 4_001)).rejects.toMatchObject({
        code: 'conflict',
        details: { limit: 4_000 },
      });
    });

    it('settles an attempt whose answer was lost, from the transaction the processor named', async () => {
      const credentials = testCredentials.authorizeNet();
      const practiceId = await practiceWith({ type: 'authorize_net', credentials });
      const [account] = (
        await world.database.db.execute<{ id: string }>(
          `SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`,
        )
      ).rows;
      const attemptId = uuidv7();
      const anet = createProcessor('authorize_net', credentials, sandboxEndpoints(sandbox.url));
      const approved = await anet.charge({
        token: await anetNonce(credentials),
        amount: 2_500,
        currency: 'USD',
        idempotencyKey: attemptId,
      });
      if (approved.outcome !== 'approved') throw new Error('not approved');
      // What a processor that timed out after naming the transaction leaves: UNKNOWN, with its id.
      await world.database.db.insert(paymentAttempts).values({
        id: attemptId,
        practiceId,
        invoiceId: uuidv7(),
        idempotencyKey: randomUUID(),
        requestFingerprint: 'before-the-timeout',
        amount: 2_500,
        currency: 'USD',
        processorAccountId: account!.id,
        processor: 'authorize_net',
        processorAttemptReference: attemptReference(attemptId),
        status: 'UNKNOWN',
        transactionId: approved.transactionId,
        startedAt: world.clock.now(),
      });
      const queue = new JobQueue({
        service: SERVICE_NAME,
        redisUrl: world.servers.redisUrl,
        namespace: world.namespace,
      });
      try {
        await queue.enqueue(RecoverPaymentAttempts, {}, { jobId: `${attemptId}-run` });
        await eventually(async () => {
          const [row] = await world.database.db
            .select()
            .from(paymentAttempts)
            .where(eq(paymentAttempts.id, attemptId));
          if (row?.status !== 'SUCCEEDED') throw new Error(`attempt is ${row?.status}`);
        });
      } finally {
        await queue.close();
      }
      await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
    });
  });

  describe('Converge', () => {
    it('charges an all-digit ssl_token, keeps no token, and voids while the batch is open', async () => {
      const credentials = testCredentials.converge();
      const practiceId = await practiceWith({ type: 'elavon', credentials });
      const token = await convergeToken(credentials);
      const outcome = await world.bus.send(ChargePayment, {
        actor: invoicing,
        payment: payment(practiceId, { token, amount: 1_500 }),
      });
      expect(outcome).toMatchObject({ status: 'succeeded', amount: 1_500 });
      const rows = await world.database.db
        .select()
        .from(paymentAttempts)
        .where(eq(paymentAttempts.practiceId, practiceId));
      expect(JSON.stringify(rows)).not.toContain(token);
      await expect(
        world.bus.send(RefundPayment, {
          actor: invoicing,
          refund: { practiceId, attemptId: outcome.attemptId, idempotencyKey: randomUUID() },
        }),
      ).resolves.toMatchObject({ amount: 1_500, method: 'void' });
    });
  });

  describe('recovery', () => {
    /** Runs the recovery job once, as its schedule would, and waits until it finished. */
    async function runRecovery(jobId: string, payload: { batch?: number } = {}): Promise<void> {
      const queue = new JobQueue({
        service: SERVICE_NAME,
        redisUrl: world.servers.redisUrl,
        namespace: world.namespace,
      });
      try {
        const id = await queue.enqueue(RecoverPaymentAttempts, payload, { jobId });
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

    it('finishes a charge whose commit failed after the processor approved it, once', async () => {
      const { practiceId } = await stripePractice();
      // The commit of the result fails, as if the service died right after the processor's answer.
      await world.database.db.execute(`
        CREATE FUNCTION fail_settling() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'the service died before its commit'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER fail_settling BEFORE UPDATE ON payment_attempts FOR EACH ROW
          WHEN (NEW.practice_id = '${practiceId}' AND NEW.status = 'SUCCEEDED') EXECUTE FUNCTION fail_settling();
      `);
      const body = payment(practiceId, { amount: 7_700 });
      let attemptId: string;
      try {
        await expect(
          world.bus.send(ChargePayment, { actor: invoicing, payment: body }),
        ).rejects.toBeInstanceOf(ArborError);
        const [row] = await world.database.db
          .select()
          .from(paymentAttempts)
          .where(eq(paymentAttempts.practiceId, practiceId));
        expect(row?.status).toBe('STARTED');
        attemptId = row!.id;
        expect(await chargesAtSandbox(attemptId)).toBe(1);
        // The client tries again with the same key: told it is pending, and nothing more is charged.
        await expect(world.bus.send(ChargePayment, { actor: invoicing, payment: body })).resolves.toEqual({
          status: 'pending',
          attemptId,
        });
      } finally {
        await world.database.db.execute(
          'DROP TRIGGER fail_settling ON payment_attempts; DROP FUNCTION fail_settling();',
        );
      }

      world.clock.advance(61_000);
      await runRecovery(`${attemptId}-1`);
      expect(await attemptRow(attemptId)).toMatchObject({ status: 'SUCCEEDED', replayToken: null });
      await runRecovery(`${attemptId}-2`); // again: nothing left to do, nothing emitted twice
      await world.events.next('payments.payment.succeeded.v1', (d) => d['attemptId'] === attemptId);
      await expect(world.bus.send(ChargePayment, { actor: invoicing, payment: body })).resolves.toMatchObject(
        {
          status: 'succeeded',
          attemptId,
          amount: 7_700,
        },
      );
      expect(eventsFor('payments.payment.succeeded.v1', attemptId)).toHaveLength(1);
      expect(await chargesAtSandbox(attemptId)).toBe(1);
    });

    it('leaves what it cannot look up yet, saying why, and never lets it crowd out what it can settle', async () => {
      const anetPractice = await practiceWith({
        type: 'authorize_net',
        credentials: testCredentials.authorizeNet(),
      });
      const { practiceId: stripePracticeId } = await stripePractice();
      const accountOf = async (practiceId: string) =>
        (
          await world.database.db.execute<{ id: string }>(
            `SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`,
          )
        ).rows[0]!.id;
      const base = {
        invoiceId: uuidv7(),
        requestFingerprint: 'before-the-crash',
        amount: 3_300,
        currency: 'USD',
      };
      const stuckId = uuidv7();
      const stuckStart = world.clock.now();
      world.clock.advance(1_000);
      const settleableId = uuidv7();
      await world.database.db.insert(paymentAttempts).values([
        {
          ...base,
          id: stuckId,
          practiceId: anetPractice,
          idempotencyKey: randomUUID(),
          processorAccountId: await accountOf(anetPractice),
          processor: 'authorize_net',
          processorAttemptReference: attemptReference(stuckId),
          status: 'UNKNOWN',
          startedAt: stuckStart,
        },
        {
          ...base,
          id: settleableId,
          practiceId: stripePracticeId,
          idempotencyKey: randomUUID(),
          processorAccountId: await accountOf(stripePracticeId),
          processor: 'stripe',
          processorAttemptReference: attemptReference(settleableId),
          // Died before the call ever reached Stripe: recovery makes it, once, under the attempt's key.
          replayToken: 'pm_card_visa',
          status: 'STARTED',
          startedAt: world.clock.now(),
        },
      ]);
      world.clock.advance(61_000);

      await runRecovery(`${stuckId}-1`, { batch: 1 });
      expect(await attemptRow(stuckId)).toMatchObject({
        status: 'UNKNOWN',
        lastError: expect.stringContaining(attemptReference(stuckId)),
        recoveryCheckedAt: expect.any(Date),
      });
      await runRecovery(`${stuckId}-2`, { batch: 1 });
      expect(await attemptRow(settleableId)).toMatchObject({ status: 'SUCCEEDED' });
      expect(await attemptRow(stuckId)).toMatchObject({ status: 'UNKNOWN' });
      expect(await chargesAtSandbox(settleableId)).toBe(1);
    });

    it('records why an attempt could not be recovered when its account cannot be opened, and moves on', async () => {
      const { practiceId } = await stripePractice();
      const [account] = (
        await world.database.db.execute<{ id: string }>(
          `SELECT id FROM processor_accounts WHERE practice_id = '${practiceId}'`,
        )
      ).rows;
      const attemptId = uuidv7();
      await world.database.db.insert(paymentAttempts).values({
        id: attemptId,
        practiceId,
        invoiceId: uuidv7(),
        idempotencyKey: randomUUID(),
        requestFingerprint: 'before-the-crash',
        amount: 1_100,
        currency: 'USD',
        processorAccountId: account!.id,
        processor: 'stripe',
        processorAttemptReference: attemptReference(attemptId),
        replayToken: 'pm_card_visa',
        status: 'STARTED',
        startedAt: world.clock.now(),
      });
      // Damaged at rest: the sealed credentials no longer open.
      await world.database.db.execute(
        `UPDATE processor_accounts SET credentials = 'damaged' WHERE id = '${account!.id}'`,
      );
      world.clock.advance(61_000);
      await runRecovery(`${attemptId}-1`);
      expect(await attemptRow(attemptId)).toMatchObject({
        status: 'UNKNOWN',
        lastError: expect.any(String),
        recoveryCheckedAt: expect.any(Date),
      });
      expect(await chargesAtSandbox(attemptId)).toBe(0);
    });
  });
});
