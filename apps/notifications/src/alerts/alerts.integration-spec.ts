// Real: the notifications service started in this process as main.ts starts it (the shared service
// world: startService, a throwaway PostgreSQL database migrated with its migrations, RabbitMQ,
// Redis). Faked: the gateway (actors are made up here, as it would pass them on) and the clock.
// The alerts listed here are written into the service's database by the test; the events that
// make them in earnest are tested in alerts-from-events.integration-spec.ts.
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ListAlerts, MarkAlertRead, type Actor, type AlertView } from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { notificationsWorld } from '../../test/notifications-world';
import { alerts } from './alerts.schema';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const owner: Actor = { userId: uuidv7(), practiceId, role: 'client' };
const someoneElse: Actor = { userId: uuidv7(), practiceId, role: 'client' };
const ownerElsewhere: Actor = { ...owner, practiceId: otherPracticeId };

describe('alerts over the bus', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await notificationsWorld('notifications-alerts');
  });
  afterAll(() => world.close());

  async function seed(actor: Actor, count: number, start: Date): Promise<string[]> {
    const rows = Array.from({ length: count }, (_, i) => ({
      id: uuidv7(),
      practiceId: actor.practiceId,
      userId: actor.userId,
      kind: 'invoice.sent',
      title: `Alert ${i}`,
      body: 'A new invoice is waiting.',
      link: '/portal',
      // Two alerts share each instant: the id orders them, and no page repeats or skips one.
      createdAt: new Date(start.getTime() + Math.floor(i / 2) * 1000),
      readAt: null,
    }));
    await world.database.db.insert(alerts).values(rows);
    return rows.map((row) => row.id);
  }

  it("lists a person's alerts newest first, in cursor pages, and nobody else's", async () => {
    const ids = await seed(owner, 5, new Date('2026-11-01T10:00:00Z'));
    await seed(someoneElse, 2, new Date('2026-11-01T10:00:00Z'));
    await seed(ownerElsewhere, 2, new Date('2026-11-01T10:00:00Z'));

    const seen: AlertView[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await world.bus.send(ListAlerts, {
        actor: owner,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    const newestFirst = [...ids].sort((a, b) => (a < b ? 1 : -1));
    expect(seen.map((alert) => alert.id)).toEqual(newestFirst);
    expect(seen[0]).toEqual({
      id: newestFirst[0],
      kind: 'invoice.sent',
      title: 'Alert 4',
      body: 'A new invoice is waiting.',
      link: '/portal',
      createdAt: '2026-11-01T10:00:02.000Z',
      readAt: null,
    });
  });

  it('refuses a cursor of another list', async () => {
    await expect(
      world.bus.send(ListAlerts, { actor: owner, cursor: 'eyJ2IjoxLCJsIjoibm90ZXMubm90ZSIsImsiOnt9fQ' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('marks an alert read for its owner, keeping the first time; another person gets not_found', async () => {
    const [id] = await seed(owner, 1, new Date('2026-10-01T10:00:00Z'));
    const alertId = id!;

    await expect(world.bus.send(MarkAlertRead, { actor: someoneElse, alertId })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(world.bus.send(MarkAlertRead, { actor: ownerElsewhere, alertId })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(world.bus.send(MarkAlertRead, { actor: owner, alertId: uuidv7() })).rejects.toMatchObject({
      code: 'not_found',
    });
    const [untouched] = await world.database.db.select().from(alerts).where(eq(alerts.id, alertId));
    expect(untouched?.readAt).toBeNull();

    const firstRead = world.clock.now();
    await expect(world.bus.send(MarkAlertRead, { actor: owner, alertId })).resolves.toEqual({});
    world.clock.advance(60_000);
    await expect(world.bus.send(MarkAlertRead, { actor: owner, alertId })).resolves.toEqual({});

    const page = await world.bus.send(ListAlerts, { actor: owner, limit: 100 });
    expect(page.items.find((alert) => alert.id === alertId)?.readAt).toBe(firstRead.toISOString());
  });
});
