// Real: the payments service started as main.ts starts it (the shared service world: its own
// throwaway PostgreSQL database, RabbitMQ, its job worker on Redis), the official Stripe SDK
// inside the adapter, and the processor sandbox over HTTP. Faked: Stripe itself (the sandbox
// answers in its place), the clock, and the caller (invoicing), whose actors are made up here.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ChargePayment, CloseChargeKey, CreateProcessorAccount, type AnyActor } from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { testCredentials } from '../processors/test/processor-sandbox';
import { paymentAttempts } from './payments.schema';
import { startPaymentsWorld, type PaymentsWorld } from './test/payments-world';

const invoicing: AnyActor = { system: 'invoicing' };

describe('closing a charge key (payments.payment.close-key.v1)', () => {
  let payments: PaymentsWorld;
  let world: ServiceWorld;

  beforeAll(async () => {
    payments = await startPaymentsWorld();
    world = payments.world;
  });
  afterAll(() => payments?.close());

  async function stripePractice(): Promise<string> {
    const practiceId = uuidv7();
    await world.bus.send(CreateProcessorAccount, {
      actor: { userId: uuidv7(), practiceId, role: 'admin' },
      account: { description: 'Stripe', type: 'stripe', credentials: testCredentials.stripe() },
    });
    return practiceId;
  }

  const charge = (practiceId: string, invoiceId: string, idempotencyKey: string, token = 'pm_card_visa') =>
    world.bus.send(ChargePayment, {
      actor: invoicing,
      payment: {
        practiceId,
        invoiceId,
        amount: 12_500,
        currency: 'USD',
        paymentToken: token,
        idempotencyKey,
      },
    });
  const close = (practiceId: string, invoiceId: string, idempotencyKey: string) =>
    world.bus.send(CloseChargeKey, { practiceId, invoiceId, idempotencyKey });
  const attemptsOfKey = (practiceId: string, idempotencyKey: string) =>
    world.database.db
      .select()
      .from(paymentAttempts)
      .where(
        and(eq(paymentAttempts.practiceId, practiceId), eq(paymentAttempts.idempotencyKey, idempotencyKey)),
      );

  it('answers none for a key that never charged, and a charge with it arriving after is refused, charging nothing', async () => {
    const practiceId = await stripePractice();
    const invoiceId = uuidv7();
    const key = randomUUID();
    await expect(close(practiceId, invoiceId, key)).resolves.toEqual({ status: 'none' });
    // The request that expired on its way, had it reached payments after all.
    await expect(charge(practiceId, invoiceId, key)).rejects.toMatchObject({ code: 'conflict' });
    expect(await attemptsOfKey(practiceId, key)).toEqual([]);
    // Asked again (invoicing retrying after a lost answer): the same answer.
    await expect(close(practiceId, invoiceId, key)).resolves.toEqual({ status: 'none' });
    // Another key pays the invoice as usual.
    await expect(charge(practiceId, invoiceId, randomUUID())).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('answers succeeded with the attempt, amount and currency for a key that charged, and leaves the key open to replay', async () => {
    const practiceId = await stripePractice();
    const invoiceId = uuidv7();
    const key = randomUUID();
    const charged = await charge(practiceId, invoiceId, key);
    await expect(close(practiceId, invoiceId, key)).resolves.toEqual({
      status: 'succeeded',
      attemptId: charged.attemptId,
      amount: 12_500,
      currency: 'USD',
    });
    await expect(charge(practiceId, invoiceId, key)).resolves.toMatchObject({
      status: 'succeeded',
      attemptId: charged.attemptId,
    });
  });

  it('answers failed for a declined key, and in_flight for one whose outcome is not recorded yet', async () => {
    const practiceId = await stripePractice();
    const invoiceId = uuidv7();
    const declinedKey = randomUUID();
    const declined = await charge(practiceId, invoiceId, declinedKey, 'pm_card_visa_chargeDeclined');
    expect(declined.status).toBe('declined');
    await expect(close(practiceId, invoiceId, declinedKey)).resolves.toEqual({
      status: 'failed',
      attemptId: declined.attemptId,
    });

    const startedKey = randomUUID();
    const started = await charge(practiceId, invoiceId, startedKey);
    // What a crash between the processor's answer and its commit leaves: the attempt STARTED.
    await world.database.db
      .update(paymentAttempts)
      .set({ status: 'STARTED', transactionId: null, finishedAt: null })
      .where(eq(paymentAttempts.id, started.attemptId));
    await expect(close(practiceId, invoiceId, startedKey)).resolves.toEqual({
      status: 'in_flight',
      attemptId: started.attemptId,
    });
  });

  it('refuses a key that belongs to another invoice', async () => {
    const practiceId = await stripePractice();
    const key = randomUUID();
    await charge(practiceId, uuidv7(), key);
    await expect(close(practiceId, uuidv7(), key)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never answers none for a key that charges: a close that comes while the charge is starting waits for it', async () => {
    const practiceId = await stripePractice();
    const invoiceId = uuidv7();
    const key = randomUUID();
    const { db } = world.database;
    let charged: Promise<unknown> | undefined;
    let closed: Promise<unknown> | undefined;
    // The charge is held just before it inserts its attempt (past its check of closed keys), and
    // the close is asked right then.
    await db.transaction(async (tx) => {
      await tx.execute(sql`LOCK TABLE payment_attempts IN SHARE MODE`);
      charged = charge(practiceId, invoiceId, key).catch((error: unknown) => error);
      await eventually(async () => {
        const { rows } = await db.execute(
          sql`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into "payment_attempts"%'`,
        );
        expect(rows).toHaveLength(1);
      });
      closed = close(practiceId, invoiceId, key).catch((error: unknown) => error);
      // Time for a close that did not wait to answer and commit.
      await new Promise((resolve) => setTimeout(resolve, 500));
    });
    // The close got the key once the attempt was committed STARTED, before Stripe was called.
    const answer = await closed;
    const attempts = await attemptsOfKey(practiceId, key);
    expect(attempts).toHaveLength(1);
    expect(answer).toEqual({ status: 'in_flight', attemptId: attempts[0]!.id });
    await expect(charged).resolves.toMatchObject({ status: 'succeeded' });
  });
});
