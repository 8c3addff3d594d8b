// Real: the notifications service started in this process as main.ts starts it (the shared service
// world: startService, a throwaway PostgreSQL database migrated with its migrations, RabbitMQ and
// its events consumer, inbox and outbox relay, Redis). Faked: identity and invoicing (the test
// publishes their events itself, as their relays would) and the clock.
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  AlertCreated,
  InvoicePaid,
  InvoiceSent,
  ListAlerts,
  MembershipChanged,
  PracticeCreated,
  type Actor,
  type EventEnvelope,
  type Role,
} from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { notificationsWorld } from '../../test/notifications-world';
import { alerts } from '../alerts/alerts.schema';

const practiceId = uuidv7();
const unnamedPracticeId = uuidv7();
const clientId = uuidv7();
const clientWithoutPortalId = uuidv7();
const users = { client: uuidv7(), provider: uuidv7(), otherClient: uuidv7(), unnamedClient: uuidv7() };
const TOTAL = 12_345;

const actor = (userId: string, role: Role, practice = practiceId): Actor => ({
  userId,
  practiceId: practice,
  role,
});

describe('alerts from invoicing events', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await notificationsWorld('notifications-invoice-alerts', { tap: [AlertCreated.pattern] });
    const setup = [
      await publish(PracticeCreated.pattern, {
        practiceId,
        name: 'Maple Counselling',
        adminUserId: uuidv7(),
      }),
      await membership(users.client, ['client'], clientId),
      await membership(users.otherClient, ['client'], uuidv7()),
      await membership(users.provider, ['provider']),
      await membership(users.unnamedClient, ['client'], clientId, unnamedPracticeId),
    ];
    await Promise.all(setup.map((event) => world.handled(event.id)));
  });
  afterAll(() => world.close());

  async function publish(
    type: string,
    data: Record<string, unknown>,
    id = uuidv7(),
  ): Promise<EventEnvelope<unknown>> {
    const event: EventEnvelope<unknown> = {
      id,
      type,
      occurredAt: world.clock.now().toISOString(),
      practiceId: (data['practiceId'] as string | undefined) ?? practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(event);
    return event;
  }

  /** What identity publishes when someone's roles in a practice change. */
  function membership(userId: string, roles: Role[], client: string | null = null, practice = practiceId) {
    return publish(MembershipChanged.pattern, { practiceId: practice, userId, roles, clientId: client });
  }

  function invoice(overrides: Record<string, unknown> = {}) {
    return {
      practiceId,
      invoiceId: uuidv7(),
      number: 'INV-000777',
      clientId,
      providerId: users.provider,
      status: 'unpaid',
      total: TOTAL,
      currency: 'USD',
      amountPaid: 0,
      amountRefunded: 0,
      ...overrides,
    };
  }

  function paid(overrides: Record<string, unknown> = {}) {
    return invoice({ status: 'paid', amountPaid: TOTAL, method: 'card', amount: TOTAL, ...overrides });
  }

  async function alertsOf(userId: string, practice = practiceId) {
    const page = await world.bus.send(ListAlerts, { actor: actor(userId, 'client', practice), limit: 100 });
    return page.items;
  }

  /** Waits until everything published before it has been taken: a later event is handled. */
  async function drained(): Promise<void> {
    await world.handled((await membership(uuidv7(), ['provider'])).id);
  }

  function expectNoMoney(value: unknown): void {
    const text = JSON.stringify(value);
    expect(text).not.toContain(String(TOTAL));
    expect(text).not.toContain('123.45');
    expect(text).not.toContain('INV-');
  }

  it("alerts the client's portal account that a new invoice from the practice is waiting, and announces it", async () => {
    const sent = await publish(InvoiceSent.pattern, invoice());
    expect(await world.handled(sent.id)).toBe(1);

    const [alert, ...others] = await alertsOf(users.client);
    expect(others).toEqual([]);
    expect(alert).toEqual({
      id: expect.any(String),
      kind: 'invoice.sent',
      title: 'New invoice from Maple Counselling',
      body: 'A new invoice from Maple Counselling is waiting for you. Sign in to see it.',
      link: '/portal',
      createdAt: world.clock.now().toISOString(),
      readAt: null,
    });
    expectNoMoney(alert);
    const announced = await world.events.take(
      AlertCreated.pattern,
      (data) => data['userId'] === users.client,
    );
    expect(announced.data).toEqual({ practiceId, userId: users.client, alert });
    expect(announced.practiceId).toBe(practiceId);
    // Nobody else hears of it: not another client, not the provider.
    await drained();
    expect(await alertsOf(users.otherClient)).toEqual([]);
    expect(await alertsOf(users.provider)).toEqual([]);
  });

  it('makes one alert of a redelivered event', async () => {
    const sent = await publish(InvoiceSent.pattern, invoice());
    await world.handled(sent.id);
    await world.events.publish(sent);
    await world.events.publish(sent);
    await drained();

    const rows = await world.database.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.userId, users.client), eq(alerts.kind, 'invoice.sent')));
    expect(rows).toHaveLength(2); // this event's and the previous test's
  });

  it('on payment, gives the client a receipt with no details and alerts the issuing provider', async () => {
    world.clock.advance(60_000);
    const event = await publish(InvoicePaid.pattern, paid({ number: 'INV-000778' }));
    expect(await world.handled(event.id)).toBe(1);

    const [receipt] = await alertsOf(users.client);
    expect(receipt).toMatchObject({
      kind: 'invoice.receipt',
      title: 'Payment received',
      body: 'Your payment to Maple Counselling was received. Sign in to see your receipt.',
      link: '/portal',
      createdAt: world.clock.now().toISOString(),
    });
    expectNoMoney(receipt);
    expect(await alertsOf(users.provider)).toEqual([
      expect.objectContaining({
        kind: 'invoice.paid',
        title: 'Invoice INV-000778 paid',
        body: 'Invoice INV-000778 has been paid.',
        link: `/clients/${clientId}`,
      }),
    ]);
    expect(JSON.stringify(await alertsOf(users.provider))).not.toContain(String(TOTAL));
  });

  it('alerts only the provider when the client has no portal account', async () => {
    const before = (await alertsOf(users.provider)).length;
    const event = await publish(InvoicePaid.pattern, paid({ clientId: clientWithoutPortalId }));
    await world.handled(event.id);
    const rows = await world.database.db.select().from(alerts).where(eq(alerts.practiceId, practiceId));
    expect(rows.filter((row) => row.kind === 'invoice.receipt')).toHaveLength(1); // the previous test's
    expect(await alertsOf(users.provider)).toHaveLength(before + 1);
  });

  it('stops alerting a portal account once identity says it no longer holds the client role', async () => {
    const removed = uuidv7();
    const otherClientId = uuidv7();
    await world.handled((await membership(removed, ['client'], otherClientId)).id);
    world.clock.advance(1000);
    await world.handled((await membership(removed, [], otherClientId)).id);
    const sent = await publish(InvoiceSent.pattern, invoice({ clientId: otherClientId }));
    await world.handled(sent.id);
    expect(await alertsOf(removed)).toEqual([]);
  });

  it('names the practice generically when its practice.created was never heard', async () => {
    const sent = await publish(InvoiceSent.pattern, invoice({ practiceId: unnamedPracticeId }));
    await world.handled(sent.id);
    expect(await alertsOf(users.unnamedClient, unnamedPracticeId)).toEqual([
      expect.objectContaining({
        title: 'New invoice from your practice',
        body: 'A new invoice from your practice is waiting for you. Sign in to see it.',
      }),
    ]);
  });
});
