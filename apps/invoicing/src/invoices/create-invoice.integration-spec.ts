// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database, RabbitMQ, its outbox relay and
// events consumer). Faked: payments — a stand-in answers the tax quote on payments' RPC queue
// (test/invoicing-world.ts); service-enablement, client-records and identity — the test publishes
// their events; the gateway (actors are made up here, as it would pass them on).
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ClientArchived,
  CreateInvoice,
  InvoiceSent,
  ServiceChanged,
  type Actor,
  type Role,
} from '@arbor/contracts';
import { createInvoicingWorld, fakePayments, type InvoicingWorld } from '../../test/invoicing-world';
import { InvoicesRepository } from './invoices.repository';
import { invoices } from './invoices.schema';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const actor = (role: Role, practice = practiceId): Actor => ({
  userId: uuidv7(),
  practiceId: practice,
  role,
});
const biller = actor('provider');
const notBilling = actor('provider');
const admin = actor('admin');
const otherPracticeBiller = actor('provider', otherPracticeId);
const repository = new InvoicesRepository();

describe('creating and sending an invoice over the bus', () => {
  let w: InvoicingWorld;
  let clientId: string;

  beforeAll(async () => {
    w = await createInvoicingWorld();
    await w.enableBilling(practiceId, [biller.userId, admin.userId]);
    await w.enableBilling(otherPracticeId, [otherPracticeBiller.userId]);
    clientId = await w.newClient(practiceId, [biller.userId, notBilling.userId]);
  });
  afterAll(() => w.close());
  beforeEach(() => fakePayments.reset());

  const create = (who: Actor, client: string, body: Record<string, unknown>) =>
    w.world.bus.send(CreateInvoice, { actor: who, clientId: client, body } as never);
  const body = { description: 'Individual session, 50 minutes', amount: 10_000 };
  const invoicesOf = (client: string) =>
    w.world.database.db.select().from(invoices).where(eq(invoices.clientId, client));

  it('creates the invoice numbered, taxed by the client’s state, unpaid in its history, and announces it', async () => {
    const reply = await create(biller, clientId, {
      ...body,
      description: '  Individual session, 50 minutes ',
    });
    expect(fakePayments.quotes).toEqual([{ practiceId, amount: 10_000, currency: 'USD', clientState: 'TX' }]);
    expect(reply).toMatchObject({
      number: 'INV-000001',
      practiceId,
      clientId,
      providerId: biller.userId,
      description: 'Individual session, 50 minutes',
      subtotal: 10_000,
      tax: 825,
      total: 10_825,
      currency: 'USD',
      taxRule: { ratePercent: 8.25, pricesIncludeTax: false, clientState: 'TX' },
      status: 'unpaid',
      amountPaid: 0,
      issuedAt: w.world.clock.now().toISOString(),
    });
    expect(await repository.history(w.world.database.db, reply.id)).toMatchObject([
      { fromStatus: null, toStatus: 'unpaid', actorId: biller.userId, reason: null },
    ]);
    const event = await w.world.events.take(InvoiceSent.pattern, (data) => data['invoiceId'] === reply.id);
    expect(event).toMatchObject({ practiceId, actor: biller });
    expect(event.data).toEqual({
      practiceId,
      invoiceId: reply.id,
      number: 'INV-000001',
      clientId,
      providerId: biller.userId,
      status: 'unpaid',
      total: 10_825,
      currency: 'USD',
      amountPaid: 0,
      amountRefunded: 0,
    });

    await expect(create(biller, clientId, { ...body, amount: 1 })).resolves.toMatchObject({
      number: 'INV-000002',
      subtotal: 1,
      tax: 0,
      total: 1,
    });
  });

  it('asks for no state when the client has none, and stores the rule with none', async () => {
    const stateless = await w.newClient(practiceId, [biller.userId], null);
    const reply = await create(biller, stateless, body);
    expect(fakePayments.quotes).toEqual([{ practiceId, amount: 10_000, currency: 'USD' }]);
    expect(reply.taxRule).toEqual({ ratePercent: 8.25, pricesIncludeTax: false, clientState: null });
  });

  it('refuses a provider Client Billing is not assigned to, or off, or anyone not a provider: forbidden', async () => {
    await expect(create(notBilling, clientId, body)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Client Billing is not enabled for you') as unknown,
      details: { activeRole: 'provider' },
    });
    await expect(create(admin, clientId, body)).rejects.toMatchObject({
      code: 'forbidden',
      details: { activeRole: 'admin' },
    });
    await expect(create(actor('client'), clientId, body)).rejects.toMatchObject({ code: 'forbidden' });

    const practice = uuidv7();
    const provider = actor('provider', practice);
    const theirClient = await w.newClient(practice, [provider.userId]);
    await w.enableBilling(practice, [provider.userId]);
    await w.publish(ServiceChanged.pattern, practice, {
      practiceId: practice,
      key: 'client_billing',
      enabled: false,
      providerIds: [provider.userId],
    });
    await expect(create(provider, theirClient, body)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await invoicesOf(theirClient)).toEqual([]);
    expect(fakePayments.quotes).toEqual([]);
  });

  it('refuses a client it does not know in the practice, or of another practice: not_found "client"', async () => {
    await expect(create(biller, uuidv7(), body)).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'client' },
    });
    await expect(create(otherPracticeBiller, clientId, body)).rejects.toMatchObject({
      code: 'not_found',
      details: { reason: 'client' },
    });
  });

  it('refuses a client not assigned to the provider: not_found "client_not_assigned"', async () => {
    const someoneElses = await w.newClient(practiceId, [notBilling.userId]);
    await expect(create(biller, someoneElses, body)).rejects.toMatchObject({
      code: 'not_found',
      message: 'this client is not assigned to you',
      details: { reason: 'client_not_assigned' },
    });
    expect(await invoicesOf(someoneElses)).toEqual([]);
  });

  it('refuses an archived client: conflict naming the status', async () => {
    const archived = await w.newClient(practiceId, [biller.userId]);
    await w.publish(ClientArchived.pattern, practiceId, {
      practiceId,
      clientId: archived,
      status: 'archived',
      taxState: 'TX',
      revision: 1_000_000,
    });
    await expect(create(biller, archived, body)).rejects.toMatchObject({
      code: 'conflict',
      details: { currentStatus: 'archived', field: 'clientId' },
    });
    expect(await invoicesOf(archived)).toEqual([]);
  });

  it('refuses when the practice has no active card processor: conflict naming it, nothing created', async () => {
    fakePayments.activeProcessor = null;
    await expect(create(biller, clientId, body)).rejects.toMatchObject({
      code: 'conflict',
      details: { field: 'processor' },
    });
    fakePayments.activeProcessor = 'stripe';
    expect(fakePayments.quotes).toEqual([]);
  });

  it.each([
    ['a zero amount', { ...body, amount: 0 }, 'amount'],
    ['a negative amount', { ...body, amount: -100 }, 'amount'],
    ['a fraction of a cent', { ...body, amount: 10.5 }, 'amount'],
    ['more than can be charged', { ...body, amount: 100_000_000 }, 'amount'],
    ['an empty description', { ...body, description: '   ' }, 'description'],
    ['a description too long', { ...body, description: 'x'.repeat(1001) }, 'description'],
    ['an unknown field', { ...body, tax: 0 }, ''],
  ])('refuses %s: validation_failed naming it', async (_name, bad, field) => {
    const error = await create(biller, clientId, bad).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: 'validation_failed' });
    const paths = (error as { details: { errors: Array<{ path: string }> } }).details.errors.map(
      (e) => e.path,
    );
    expect(paths.some((path) => path.endsWith(field))).toBe(true);
    expect(fakePayments.quotes).toEqual([]);
  });

  it('creates nothing and takes no number when payments cannot quote the tax', async () => {
    const client = await w.newClient(practiceId, [biller.userId]);
    fakePayments.quoteUnavailable = true;
    await expect(create(biller, client, body)).rejects.toMatchObject({ code: 'service_unavailable' });
    expect(await invoicesOf(client)).toEqual([]);
    fakePayments.quoteUnavailable = false;
    const next = await create(biller, client, body);
    const numbers = (
      await w.world.database.db.select().from(invoices).where(eq(invoices.practiceId, practiceId))
    )
      .map((row) => row.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, index) => index + 1));
    expect(next.number).toBe(`INV-${String(numbers.length).padStart(6, '0')}`);
  });
});
