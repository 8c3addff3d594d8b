// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database, RabbitMQ, its events consumer).
// Faked: payments (a stand-in answers the tax quote: test/invoicing-world.ts); service-enablement,
// client-records and identity (the test publishes their events); the gateway (made-up actors).
import { v7 as uuidv7 } from 'uuid';
import {
  CreateInvoice,
  ForgiveInvoice,
  GetInvoice,
  GetPortalInvoice,
  ListClientInvoices,
  ListInvoices,
  ListPortalInvoices,
  type Actor,
  type InvoiceView,
  type PayloadOf,
  type Role,
} from '@arbor/contracts';
import { createInvoicingWorld, type InvoicingWorld } from '../../test/invoicing-world';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const actor = (role: Role, practice = practiceId, userId = uuidv7()): Actor => ({
  userId,
  practiceId: practice,
  role,
});
const admin = actor('admin');
const biller = actor('provider');
const careTeam = actor('provider');
const outsider = actor('provider');
const otherAdmin = actor('admin', otherPracticeId);

describe('reading invoices over the bus', () => {
  let w: InvoicingWorld;
  let alice: string;
  let bob: string;
  let aliceUser: Actor;
  let bobUser: Actor;
  /** Oldest first, as they were created a minute apart. */
  const created: InvoiceView[] = [];

  beforeAll(async () => {
    w = await createInvoicingWorld();
    await w.enableBilling(practiceId, [biller.userId]);
    alice = await w.newClient(practiceId, [biller.userId, careTeam.userId]);
    bob = await w.newClient(practiceId, [biller.userId]);
    aliceUser = actor('client', practiceId, await w.portalAccount(practiceId, alice));
    bobUser = actor('client', practiceId, await w.portalAccount(practiceId, bob));
    for (const [client, amount] of [
      [alice, 1000],
      [bob, 2000],
      [alice, 3000],
      [bob, 4000],
      [alice, 5000],
    ] as const) {
      w.world.clock.advance(60_000);
      created.push(
        await w.world.bus.send(CreateInvoice, {
          actor: biller,
          clientId: client,
          body: { description: 'Session', amount },
        }),
      );
    }
    await w.world.bus.send(ForgiveInvoice, {
      actor: admin,
      invoiceId: created[2]!.id,
      body: { reason: 'Hardship' },
    });
  });
  afterAll(() => w.close());

  const ids = (items: readonly InvoiceView[]) => items.map((invoice) => invoice.id);
  const newestFirst = (invoices: readonly InvoiceView[]) => ids([...invoices].reverse());

  async function allPages(request: Omit<PayloadOf<typeof ListInvoices>, 'cursor'>) {
    const seen: InvoiceView[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.world.bus.send(ListInvoices, { ...request, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10); // a cursor that never ends fails the count, not the timeout
    return { seen, pages };
  }

  it('lists every invoice of the practice for an Admin, newest first, in cursor pages', async () => {
    const { seen, pages } = await allPages({ actor: admin, limit: 2 });
    expect(ids(seen)).toEqual(newestFirst(created));
    expect(pages).toBe(3);
    expect(seen[0]).toMatchObject({ total: 5413, status: 'unpaid', issuedAt: created[4]!.issuedAt });
    await expect(w.world.bus.send(ListInvoices, { actor: otherAdmin })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('filters by status, client and issue dates (from inclusive, to exclusive), and pages within them', async () => {
    const byStatus = await w.world.bus.send(ListInvoices, { actor: admin, status: 'forgiven' });
    expect(ids(byStatus.items)).toEqual([created[2]!.id]);

    const { seen: alices } = await allPages({ actor: admin, clientId: alice, limit: 1 });
    expect(ids(alices)).toEqual(newestFirst([created[0]!, created[2]!, created[4]!]));

    const between = await w.world.bus.send(ListInvoices, {
      actor: admin,
      from: created[1]!.issuedAt,
      to: created[3]!.issuedAt,
    });
    expect(ids(between.items)).toEqual(newestFirst([created[1]!, created[2]!]));

    const unpaidAlice = await w.world.bus.send(ListInvoices, {
      actor: admin,
      clientId: alice,
      status: 'unpaid',
    });
    expect(ids(unpaidAlice.items)).toEqual(newestFirst([created[0]!, created[4]!]));
  });

  it("refuses the practice's whole list to anyone but an Admin", async () => {
    for (const who of [biller, aliceUser]) {
      await expect(w.world.bus.send(ListInvoices, { actor: who })).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
  });

  it("lists a client's invoices for an Admin and the client's providers only", async () => {
    const forCareTeam = await w.world.bus.send(ListClientInvoices, { actor: careTeam, clientId: alice });
    expect(ids(forCareTeam.items)).toEqual(newestFirst([created[0]!, created[2]!, created[4]!]));
    const forAdmin = await w.world.bus.send(ListClientInvoices, { actor: admin, clientId: bob, limit: 1 });
    expect(ids(forAdmin.items)).toEqual([created[3]!.id]);
    expect(forAdmin.nextCursor).not.toBeNull();

    await expect(
      w.world.bus.send(ListClientInvoices, { actor: careTeam, clientId: bob }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      w.world.bus.send(ListClientInvoices, { actor: otherAdmin, clientId: bob }),
    ).rejects.toMatchObject({ code: 'not_found', details: { reason: 'client' } });
  });

  it('gets one invoice with its history for an Admin, the issuer and the client’s providers', async () => {
    const forgiven = created[2]!;
    for (const who of [admin, biller, careTeam]) {
      const detail = await w.world.bus.send(GetInvoice, { actor: who, invoiceId: forgiven.id });
      expect(detail).toMatchObject({ id: forgiven.id, status: 'forgiven', payments: [], refunds: [] });
      expect(detail.history).toEqual([
        { from: null, status: 'unpaid', at: forgiven.issuedAt, actorId: biller.userId, reason: null },
        expect.objectContaining({
          from: 'unpaid',
          status: 'forgiven',
          actorId: admin.userId,
          reason: 'Hardship',
        }),
      ]);
    }
    await expect(
      w.world.bus.send(GetInvoice, { actor: outsider, invoiceId: forgiven.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      w.world.bus.send(GetInvoice, { actor: otherAdmin, invoiceId: forgiven.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      w.world.bus.send(GetInvoice, { actor: aliceUser, invoiceId: forgiven.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it("shows a client their own invoices in the portal, and nobody else's", async () => {
    const mine = await w.world.bus.send(ListPortalInvoices, { actor: aliceUser });
    expect(ids(mine.items)).toEqual(newestFirst([created[0]!, created[2]!, created[4]!]));
    await expect(
      w.world.bus.send(GetPortalInvoice, { actor: aliceUser, invoiceId: created[4]!.id }),
    ).resolves.toMatchObject({ id: created[4]!.id, history: [{ status: 'unpaid' }] });

    await expect(
      w.world.bus.send(GetPortalInvoice, { actor: bobUser, invoiceId: created[4]!.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const stranger = actor('client');
    await expect(w.world.bus.send(ListPortalInvoices, { actor: stranger })).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
    await expect(w.world.bus.send(ListPortalInvoices, { actor: admin })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
