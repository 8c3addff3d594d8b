// Real: identity, service-enablement, client-records, payments, invoicing and notifications as built
// apps in their own processes, each with its own database; the processor sandbox answering like
// Stripe; the gateway in this process; RabbitMQ, PostgreSQL, Redis. The crashes are real SIGKILLs,
// placed by row and table locks the test holds in the services' own databases: nothing in the
// services knows it is being tested.
import { randomUUID } from 'node:crypto';
import { InvoicePaid, PaymentSucceeded } from '@arbor/contracts';
import { EventTap } from '@arbor/service-testing';
import { eventually, testServices } from '@arbor/testing';
import { connectStripe, enableClientBilling } from './billing-helpers';
import { createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import {
  countBy,
  holdLock,
  mapBounded,
  payInvoice,
  SandboxCharges,
  waitForLockWaiters,
  type Answer,
} from './payment-faults-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const CLIENTS = 10;
const INVOICES_PER_CLIENT = 10;
/** Twice the RPC timeout (5 s), the shortest invoicing accepts. */
const STALE_CLAIM_MS = 10_000;

interface PortalClient {
  readonly id: string;
  readonly userId: string;
  readonly token: string;
}

describe('Payments through crashes: never lost, never doubled', () => {
  let platform: Platform;
  let tap: EventTap;
  let charges: SandboxCharges;
  const maple = { id: '', adminToken: '', providerToken: '' };
  const clients: PortalClient[] = [];

  const db = (service: 'payments' | 'invoicing' | 'notifications') => platform.databases[service]!.pool;

  /** The provider invoices a client; retried while invoicing has not yet heard of the client. */
  function invoice(clientId: string, amount: number): Promise<string> {
    return eventually(async () => {
      const created = await platform.api.call('POST', `/practices/${maple.id}/clients/${clientId}/invoices`, {
        token: maple.providerToken,
        body: { description: 'Session, 50 minutes', amount },
      });
      expect(created.status).toBe(201);
      return created.body['id'] as string;
    });
  }

  /**
   * The events of this type about the invoice, one per event id: the outbox relay publishes at
   * least once (a relay killed between publishing and deleting its row publishes again, with the
   * same id, and consumers' inboxes apply it once), so a second event is a second id.
   */
  const eventsOf = (type: string, invoiceId: string) => [
    ...new Map(
      tap.events
        .filter(
          (event) => event.type === type && (event.data as { invoiceId?: string }).invoiceId === invoiceId,
        )
        .map((event) => [event.id, event]),
    ).values(),
  ];

  /** The invoice as invoicing's database holds it: status, card payments and entries into `paid`. */
  async function invoiceRecord(invoiceId: string) {
    const { rows } = await db('invoicing').query<{ status: string; payments: number; paid_entries: number }>(
      `SELECT i.status,
              (SELECT count(*)::int FROM invoice_payments p WHERE p.invoice_id = i.id) AS payments,
              (SELECT count(*)::int FROM invoice_status_history h
                WHERE h.invoice_id = i.id AND h.to_status = 'paid') AS paid_entries
         FROM invoices i WHERE i.id = $1`,
      [invoiceId],
    );
    return rows[0];
  }

  /** Payments' attempts of an invoice, with the reference the processor was sent. */
  async function attemptsOf(invoiceId: string) {
    const { rows } = await db('payments').query<{ id: string; status: string; reference: string }>(
      `SELECT id, status, processor_attempt_reference AS reference FROM payment_attempts WHERE invoice_id = $1`,
      [invoiceId],
    );
    return rows;
  }

  /** Charges in the sandbox for this invoice, matched by the references of its attempts. */
  async function chargesOf(invoiceId: string): Promise<number> {
    const references = new Set((await attemptsOf(invoiceId)).map((attempt) => attempt.reference));
    return (await charges.references()).filter((reference) => references.has(reference)).length;
  }

  async function receiptAlerts(userId: string): Promise<number> {
    const { rows } = await db('notifications').query<{ count: number }>(
      `SELECT count(*)::int AS count FROM alerts WHERE user_id = $1 AND kind = 'invoice.receipt'`,
      [userId],
    );
    return rows[0]!.count;
  }

  /**
   * Every charge in the processor is a succeeded attempt's, and each succeeded attempt has one:
   * no charge payments cannot name (lost), none twice (doubled).
   */
  async function expectEveryChargeRecorded(): Promise<void> {
    const { rows } = await db('payments').query<{ reference: string }>(
      `SELECT processor_attempt_reference AS reference FROM payment_attempts WHERE status = 'SUCCEEDED'`,
    );
    expect((await charges.references()).sort()).toEqual(rows.map((row) => row.reference).sort());
  }

  /** After the dust settles: one charge, one payment, one `paid` entry, one of each event, one receipt. */
  async function expectPaidOnce(invoiceId: string, client: PortalClient, receipts = 1): Promise<void> {
    await eventually(
      async () => {
        expect(await invoiceRecord(invoiceId)).toEqual({ status: 'paid', payments: 1, paid_entries: 1 });
        expect(eventsOf(InvoicePaid.pattern, invoiceId)).toHaveLength(1);
        expect(await receiptAlerts(client.userId)).toBe(receipts);
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(await chargesOf(invoiceId)).toBe(1);
    expect((await attemptsOf(invoiceId)).map((attempt) => attempt.status)).toEqual(['SUCCEEDED']);
    expect(eventsOf(PaymentSucceeded.pattern, invoiceId)).toHaveLength(1);
    await expectEveryChargeRecorded();
  }

  beforeAll(async () => {
    platform = await startPlatform(
      'payfaults',
      ['identity', 'service-enablement', 'client-records', 'payments', 'invoicing', 'notifications'],
      // Recovery looks at a STARTED attempt two seconds old, every second, and another key's claim
      // is looked into after ten seconds: a test waits seconds, not minutes.
      {
        env: {
          payments: { ARBOR_PAYMENTS_RECOVERY_GRACE_MS: '2000', ARBOR_PAYMENTS_RECOVERY_EVERY_MS: '1000' },
          invoicing: { ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS: String(STALE_CLAIM_MS) },
        },
      },
    );
    tap = await EventTap.open(testServices().rabbitmqUrl, platform.namespace, [
      PaymentSucceeded.pattern,
      InvoicePaid.pattern,
    ]);
    charges = await SandboxCharges.watch(platform.sandboxUrl!);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    maple.id = admin.practiceId;
    maple.adminToken = admin.adminToken;
    const provider = await inviteProvider(platform.api, admin, {
      name: 'Pat Provider',
      email: 'pat@maple.test',
      password: PASSWORD,
    });
    maple.providerToken = provider.accessToken;
    await connectStripe(platform.api, admin);
    await enableClientBilling(platform.api, admin, [provider.userId]);
    // The last three clients are the single-crash tests'; the others share the 100 invoices.
    for (let index = 0; index < CLIENTS + 3; index += 1) {
      const email = `client${index}@client.test`;
      const created = await createClient(platform.api, maple.providerToken, maple.id, {
        firstName: `Client${index}`,
        lastName: 'Test',
        email,
      });
      const session = await portalSignIn(platform.api, created.portalInviteUrl, email, PASSWORD);
      clients.push({ id: created.id, userId: session.userId, token: session.accessToken });
    }
    // Receipts go to portal accounts notifications has heard of.
    await eventually(async () => {
      const { rows } = await db('notifications').query<{ count: number }>(
        'SELECT count(*)::int AS count FROM practice_members WHERE practice_id = $1 AND client_id IS NOT NULL',
        [maple.id],
      );
      expect(rows[0]!.count).toBe(CLIENTS + 3);
    });
  }, 120_000);

  afterAll(async () => {
    await charges?.close();
    await tap?.close();
    await platform?.close();
  });

  it('charges once when payments dies after the processor approved and before it recorded that', async () => {
    const client = clients[CLIENTS]!;
    const invoiceId = await invoice(client.id, 4_200);
    const key = randomUUID();
    // Payments records an approval and its event in one transaction; with the outbox locked, that
    // transaction stops after updating the attempt and before its commit.
    const outbox = await holdLock(db('payments'), 'LOCK TABLE outbox IN SHARE MODE');
    let answer: Promise<Answer> | undefined;
    try {
      answer = payInvoice(platform.api.base, client.token, invoiceId, key);
      await waitForLockWaiters(db('payments'), /insert into "outbox"/i);
      const [attempt] = await attemptsOf(invoiceId);
      expect(attempt?.status).toBe('STARTED');
      expect(await chargesOf(invoiceId)).toBe(1);
      await platform.kill('payments');
    } finally {
      await outbox.release();
    }
    // Killed before its commit: the processor charged, and payments' database says only STARTED.
    expect((await attemptsOf(invoiceId)).map((attempt) => attempt.status)).toEqual(['STARTED']);

    // The client is not told it paid, nor that it did not: the outcome is unknown (503, retry).
    const first = await answer;
    expect(first.status === 503 || first.body['status'] === 'pending').toBe(true);

    await platform.start('payments');
    await expectPaidOnce(invoiceId, client);

    // Paying again with the same key finds the invoice paid and charges nothing.
    const again = await payInvoice(platform.api.base, client.token, invoiceId, key);
    expect([again.status, again.body['currentStatus'] ?? again.body['status']]).toEqual([409, 'paid']);
    expect(await chargesOf(invoiceId)).toBe(1);
  });

  it('pays once when invoicing dies holding payment.succeeded unacknowledged, and the answer is lost', async () => {
    const client = clients[CLIENTS + 1]!;
    const invoiceId = await invoice(client.id, 5_100);
    const key = randomUUID();
    // Holds payments before it inserts the attempt, so the invoice can be locked after invoicing
    // claimed it for this payment and before payments answers and emits.
    const attempts = await holdLock(db('payments'), 'LOCK TABLE payment_attempts IN SHARE MODE');
    let invoiceRow;
    let answer: Promise<Answer> | undefined;
    try {
      answer = payInvoice(platform.api.base, client.token, invoiceId, key);
      await waitForLockWaiters(db('payments'), /insert into "payment_attempts"/i);
      invoiceRow = await holdLock(db('invoicing'), 'SELECT 1 FROM invoices WHERE id = $1 FOR UPDATE', [
        invoiceId,
      ]);
    } finally {
      await attempts.release();
    }
    try {
      // Payments charges and commits; invoicing's handler of payment.succeeded (consumed, not yet
      // acknowledged) and its handling of the answer both wait for the invoice.
      await eventually(async () => {
        expect((await attemptsOf(invoiceId)).map((attempt) => attempt.status)).toEqual(['SUCCEEDED']);
        expect(eventsOf(PaymentSucceeded.pattern, invoiceId)).toHaveLength(1);
      });
      await waitForLockWaiters(db('invoicing'), /from "invoices".*for update/is, 2);
      await platform.kill('invoicing');
    } finally {
      await invoiceRow.release();
    }
    expect(await invoiceRecord(invoiceId)).toEqual({ status: 'unpaid', payments: 0, paid_entries: 0 });
    const first = await answer;
    expect(first.status).toBe(503);

    // The event was never acknowledged: the broker gives it to invoicing again.
    await platform.start('invoicing');
    await expectPaidOnce(invoiceId, client);
    // Its handler ran to the end this time, once: the inbox holds the event.
    const [succeeded] = eventsOf(PaymentSucceeded.pattern, invoiceId);
    const handled = await db('invoicing').query('SELECT handler FROM inbox WHERE event_id = $1', [
      succeeded!.id,
    ]);
    expect(handled.rowCount).toBe(1);
    const again = await payInvoice(platform.api.base, client.token, invoiceId, key);
    expect([again.status, again.body['currentStatus'] ?? again.body['status']]).toEqual([409, 'paid']);
    expect(await chargesOf(invoiceId)).toBe(1);
  });

  it('lets a new key pay once a charge request expired while payments was down, and charges once', async () => {
    const client = clients[CLIENTS + 2]!;
    const invoiceId = await invoice(client.id, 6_300);
    const first = randomUUID();
    await platform.kill('payments');
    try {
      // Nobody takes the charge request: the pay answers 503, and the claim for `first` stays.
      const unanswered = await payInvoice(platform.api.base, client.token, invoiceId, first);
      expect(unanswered.status).toBe(503);
      // Another key, too soon: the first request might still be queued.
      const tooSoon = await payInvoice(platform.api.base, client.token, invoiceId, randomUUID());
      expect([tooSoon.status, JSON.stringify(tooSoon.body['detail'])]).toEqual([
        409,
        expect.stringMatching(/wait a minute/),
      ]);
      // Past the request's TTL (the RPC timeout, counted from before the 503): it expired in the queue.
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await platform.start('payments');
    }
    expect(await attemptsOf(invoiceId)).toEqual([]);

    // Once the claim is older than the threshold, a new key pays. Each try has its own key, as
    // the web app makes one per attempt (the gateway keeps a 409 for its key).
    const paid = await eventually(
      async () => {
        const answer = await payInvoice(platform.api.base, client.token, invoiceId, randomUUID());
        expect([answer.status, answer.body['status'], answer.body['detail']]).toEqual([
          200,
          'paid',
          undefined,
        ]);
        return answer;
      },
      { timeoutMs: STALE_CLAIM_MS + 20_000, intervalMs: 1000 },
    );
    expect(paid.body['invoice']).toMatchObject({ status: 'paid' });
    await expectPaidOnce(invoiceId, client);
    // payments closed the first key (as the gateway scoped it), not the one that paid: it can never charge.
    const keys = async (table: 'payment_closed_keys' | 'payment_attempts') =>
      (
        await db('payments').query<{ key: string }>(
          `SELECT idempotency_key AS key FROM ${table} WHERE invoice_id = $1`,
          [invoiceId],
        )
      ).rows.map((row) => row.key);
    const [closed, charged] = [await keys('payment_closed_keys'), await keys('payment_attempts')];
    expect([closed.length, charged.length]).toEqual([1, 1]);
    expect(closed[0]).not.toBe(charged[0]);
    const again = await payInvoice(platform.api.base, client.token, invoiceId, first);
    expect([again.status, again.body['currentStatus'] ?? again.body['status']]).toEqual([409, 'paid']);
    expect(await chargesOf(invoiceId)).toBe(1);
  });

  it('pays each of 100 invoices once under 200 concurrent pays, repeated keys, rival keys and a crash', async () => {
    const owners = clients.slice(0, CLIENTS);
    const invoices = await mapBounded(
      owners.flatMap((owner) => Array.from({ length: INVOICES_PER_CLIENT }, () => owner)),
      8,
      async (owner, index) => ({ id: await invoice(owner.id, 1_000 + index), owner, keys: [randomUUID()] }),
    );
    // Every invoice is paid once with its key, and once more: half with the same key (a client's
    // retry), half with another key (a second tab).
    const pays = invoices.flatMap((paid, index) => {
      if (index % 2 === 1) paid.keys.push(randomUUID());
      return [
        { paid, key: paid.keys[0]! },
        { paid, key: paid.keys[index % 2 === 1 ? 1 : 0]! },
      ];
    });
    for (let index = pays.length - 1; index > 0; index -= 1) {
      const other = Math.floor(Math.random() * (index + 1));
      [pays[index], pays[other]] = [pays[other]!, pays[index]!];
    }

    let answered = 0;
    let crash: Promise<void> | undefined;
    const answers = await mapBounded(pays, 20, async ({ paid, key }) => {
      const result = await payInvoice(platform.api.base, paid.owner.token, paid.id, key);
      answered += 1;
      // Payments dies with a third of the pays answered and the rest under way, and stays away
      // longer than a request waits for it (the RPC timeout, 5 s), so some pays go unanswered.
      if (answered === 70) {
        crash = (async () => {
          await platform.kill('payments');
          await new Promise((resolve) => setTimeout(resolve, 6000));
          await platform.start('payments');
        })();
      }
      return { paid, key, result };
    });
    await crash;
    const statuses = countBy(answers.map(({ result }) => result.status));
    // Some pays ran into the crash, some into a rival key's claim or a repeat still under way.
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(statuses.get(409)).toBeGreaterThan(0);
    expect([...statuses.keys()].every((status) => [200, 409, 503].includes(status))).toBe(true);

    // Whoever did not hear an outcome retries with the same key, as the API tells them to.
    const unanswered = answers.filter(
      ({ result }) =>
        result.status === 503 ||
        (result.status === 409 && /still being processed/.test(JSON.stringify(result.body['detail']))),
    );
    await mapBounded(unanswered, 10, ({ paid, key }) =>
      eventually(
        async () => {
          const retried = await payInvoice(platform.api.base, paid.owner.token, paid.id, key);
          expect(retried.status).not.toBe(503);
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      ),
    );

    await eventually(
      async () => {
        const { rows } = await db('invoicing').query<{ status: string; count: number }>(
          'SELECT status, count(*)::int AS count FROM invoices WHERE id = ANY($1) GROUP BY status',
          [invoices.map((paid) => paid.id)],
        );
        expect(rows).toEqual([{ status: 'paid', count: invoices.length }]);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await eventually(
      async () => {
        for (const owner of owners) expect(await receiptAlerts(owner.userId)).toBe(INVOICES_PER_CLIENT);
        const { rows } = await db('payments').query<{ count: number }>(
          `SELECT count(*)::int AS count FROM payment_attempts WHERE status IN ('STARTED', 'UNKNOWN')`,
        );
        expect(rows[0]!.count).toBe(0);
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    );

    const chargedReferences = countBy(await charges.references());
    for (const paid of invoices) {
      const attempts = await attemptsOf(paid.id);
      const succeeded = attempts.filter((attempt) => attempt.status === 'SUCCEEDED');
      expect([paid.id, succeeded.length]).toEqual([paid.id, 1]);
      // One charge in the processor for the invoice, and it is the one payments recorded.
      const charged = attempts.map((attempt) => chargedReferences.get(attempt.reference) ?? 0);
      expect([paid.id, charged.reduce((sum, count) => sum + count, 0)]).toEqual([paid.id, 1]);
      expect(chargedReferences.get(succeeded[0]!.reference)).toBe(1);
      expect([paid.id, await invoiceRecord(paid.id)]).toEqual([
        paid.id,
        { status: 'paid', payments: 1, paid_entries: 1 },
      ]);
      expect([paid.id, eventsOf(InvoicePaid.pattern, paid.id).length]).toEqual([paid.id, 1]);
      expect([paid.id, eventsOf(PaymentSucceeded.pattern, paid.id).length]).toEqual([paid.id, 1]);
    }
    // No charge in the processor that payments cannot name, nor one it recorded twice.
    await expectEveryChargeRecorded();
  }, 150_000);
});
