// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database migrated with its migrations,
// RabbitMQ, its outbox relay, Redis for its jobs); the commands travel over the bus as the gateway
// sends them. Faked: the gateway (actors are made up here, as it would pass them on), the clock,
// and creating invoices — this test inserts them with the repository's numbered insert, so that
// it needs no read models nor tax quote (create-and-send is create-invoice.integration-spec.ts).
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  ForgiveInvoice,
  InvoiceForgiven,
  InvoicePaid,
  InvoiceVoided,
  RecordInvoicePayment,
  VoidInvoice,
  type Actor,
  type Role,
} from '@arbor/contracts';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../invoicing.config';
import { InvoicingModule } from '../invoicing.module';
import { InvoicesRepository } from './invoices.repository';
import { invoicePayments, invoices } from './invoices.schema';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const actor = (role: Role, practice = practiceId, userId = uuidv7()): Actor => ({
  userId,
  practiceId: practice,
  role,
});
const admin = actor('admin');
const issuer = actor('provider');
const otherProvider = actor('provider');
const theClient = actor('client');
const otherAdmin = actor('admin', otherPracticeId);

const repository = new InvoicesRepository();

describe('changing invoices over the bus', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      jobs: true,
      module: ({ clock }) => InvoicingModule.forRoot({ clock }),
      tap: ['invoicing.#'],
    });
  });
  afterAll(() => world.close());

  /** An unpaid invoice of $108.25 ($100 + 8.25% tax) from `issuer`, as create-and-send will leave it. */
  async function unpaidInvoice() {
    const at = world.clock.now();
    return world.database.db.transaction((tx) =>
      repository.insertNumbered(tx, {
        id: uuidv7(),
        practiceId,
        clientId: uuidv7(),
        providerId: issuer.userId,
        description: 'Individual session, 50 minutes',
        subtotal: 10_000,
        tax: 825,
        total: 10_825,
        currency: 'USD',
        taxRule: { ratePercent: 8.25, pricesIncludeTax: false, clientState: 'TX' },
        status: 'unpaid',
        issuedAt: at,
        statusChangedAt: at,
      }),
    );
  }

  const historyOf = (invoiceId: string) => repository.history(world.database.db, invoiceId);
  const statusOf = async (invoiceId: string) =>
    (await repository.invoice(world.database.db, invoiceId))?.status;
  const eventsAbout = (invoiceId: string) =>
    world.events.events.filter((event) => event.data['invoiceId'] === invoiceId).map((event) => event.type);

  it('lets an Admin forgive an unpaid invoice: forgiven, in its history with who, when and why, and announced', async () => {
    const invoice = await unpaidInvoice();
    world.clock.advance(60_000);
    const reply = await world.bus.send(ForgiveInvoice, {
      actor: admin,
      invoiceId: invoice.id,
      body: { reason: '  Hardship, agreed with the client  ' },
    });
    expect(reply).toMatchObject({
      id: invoice.id,
      number: `INV-${String(invoice.number).padStart(6, '0')}`,
      status: 'forgiven',
      total: 10_825,
      amountPaid: 0,
      statusChangedAt: world.clock.now().toISOString(),
    });
    expect(await historyOf(invoice.id)).toEqual([
      expect.objectContaining({
        fromStatus: 'unpaid',
        toStatus: 'forgiven',
        actorId: admin.userId,
        reason: 'Hardship, agreed with the client',
        at: world.clock.now(),
      }),
    ]);
    const event = await world.events.take(
      InvoiceForgiven.pattern,
      (data) => data['invoiceId'] === invoice.id,
    );
    expect(event).toMatchObject({ practiceId, actor: admin });
    expect(event.data).toEqual({
      practiceId,
      invoiceId: invoice.id,
      number: reply.number,
      clientId: invoice.clientId,
      providerId: issuer.userId,
      status: 'forgiven',
      total: 10_825,
      currency: 'USD',
      amountPaid: 0,
      amountRefunded: 0,
    });
  });

  it('lets the issuing provider void an unpaid invoice', async () => {
    const invoice = await unpaidInvoice();
    await expect(
      world.bus.send(VoidInvoice, {
        actor: issuer,
        invoiceId: invoice.id,
        body: { reason: 'Sent to the wrong client' },
      }),
    ).resolves.toMatchObject({ status: 'void' });
    await world.events.take(InvoiceVoided.pattern, (data) => data['invoiceId'] === invoice.id);
    expect(await historyOf(invoice.id)).toMatchObject([
      { fromStatus: 'unpaid', toStatus: 'void', actorId: issuer.userId, reason: 'Sent to the wrong client' },
    ]);
  });

  it('records an offline payment of the whole total: paid, the payment kept, announced with its method', async () => {
    const invoice = await unpaidInvoice();
    const reply = await world.bus.send(RecordInvoicePayment, {
      actor: issuer,
      invoiceId: invoice.id,
      body: { method: 'check', reference: 'Check #1042' },
    });
    expect(reply).toMatchObject({ status: 'paid', amountPaid: 10_825, amountRefunded: 0 });
    expect(
      await world.database.db.select().from(invoicePayments).where(eq(invoicePayments.invoiceId, invoice.id)),
    ).toEqual([
      expect.objectContaining({
        method: 'check',
        amount: 10_825,
        reference: 'Check #1042',
        recordedBy: issuer.userId,
      }),
    ]);
    expect(await historyOf(invoice.id)).toMatchObject([
      { fromStatus: 'unpaid', toStatus: 'paid', reason: null },
    ]);
    const event = await world.events.take(InvoicePaid.pattern, (data) => data['invoiceId'] === invoice.id);
    expect(event.data).toMatchObject({ status: 'paid', method: 'check', amount: 10_825, amountPaid: 10_825 });
  });

  it('answers a change the status does not allow with a conflict naming the status, and changes nothing', async () => {
    const invoice = await unpaidInvoice();
    await world.bus.send(RecordInvoicePayment, {
      actor: admin,
      invoiceId: invoice.id,
      body: { method: 'cash' },
    });
    for (const attempt of [
      () => world.bus.send(ForgiveInvoice, { actor: admin, invoiceId: invoice.id, body: { reason: 'late' } }),
      () => world.bus.send(VoidInvoice, { actor: admin, invoiceId: invoice.id, body: { reason: 'late' } }),
      () =>
        world.bus.send(RecordInvoicePayment, {
          actor: admin,
          invoiceId: invoice.id,
          body: { method: 'cash' },
        }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'conflict', details: { currentStatus: 'paid' } });
    }
    expect(await statusOf(invoice.id)).toBe('paid');
    expect(await historyOf(invoice.id)).toHaveLength(1);
    // Whatever the refusals emitted would be relayed before this later change's event.
    const later = await unpaidInvoice();
    await world.bus.send(VoidInvoice, { actor: admin, invoiceId: later.id, body: { reason: 'duplicate' } });
    await world.events.next(InvoiceVoided.pattern, (data) => data['invoiceId'] === later.id);
    expect(eventsAbout(invoice.id)).toEqual([InvoicePaid.pattern]);
  });

  it('refuses an offline payment that is not the whole total, naming amount', async () => {
    const invoice = await unpaidInvoice();
    for (const amount of [10_824, 10_826]) {
      await expect(
        world.bus.send(RecordInvoicePayment, {
          actor: admin,
          invoiceId: invoice.id,
          body: { method: 'cash', amount },
        }),
      ).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'amount' }] } });
    }
    await expect(
      world.bus.send(RecordInvoicePayment, {
        actor: admin,
        invoiceId: invoice.id,
        body: { method: 'cash', amount: 10_825 },
      }),
    ).resolves.toMatchObject({ status: 'paid' });
  });

  it('lets only an Admin of the practice or the issuing provider change an invoice', async () => {
    const invoice = await unpaidInvoice();
    const forgive = (who: Actor, invoiceId = invoice.id) =>
      world.bus.send(ForgiveInvoice, { actor: who, invoiceId, body: { reason: 'x' } });
    await expect(forgive(otherProvider)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(forgive(theClient)).rejects.toMatchObject({ code: 'forbidden' });
    // Another practice's invoice is answered as one that does not exist: its existence is not told.
    await expect(forgive(otherAdmin)).rejects.toMatchObject({ code: 'not_found' });
    await expect(forgive(admin, uuidv7())).rejects.toMatchObject({ code: 'not_found' });
    expect(await statusOf(invoice.id)).toBe('unpaid');
    expect(await historyOf(invoice.id)).toEqual([]);
  });

  it('lets one of three concurrent changes of an invoice win; the others meet the status it left', async () => {
    const invoice = await unpaidInvoice();
    const outcomes = await Promise.allSettled([
      world.bus.send(ForgiveInvoice, { actor: admin, invoiceId: invoice.id, body: { reason: 'a' } }),
      world.bus.send(VoidInvoice, { actor: issuer, invoiceId: invoice.id, body: { reason: 'b' } }),
      world.bus.send(RecordInvoicePayment, {
        actor: admin,
        invoiceId: invoice.id,
        body: { method: 'other' },
      }),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    const winner = won[0]!.value.status;
    for (const outcome of lost) {
      expect(outcome.reason).toBeInstanceOf(ArborError);
      expect(outcome.reason).toMatchObject({ code: 'conflict', details: { currentStatus: winner } });
    }
    expect(await historyOf(invoice.id)).toMatchObject([{ fromStatus: 'unpaid', toStatus: winner }]);
    const [row] = await world.database.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row?.status).toBe(winner);
  });
});
