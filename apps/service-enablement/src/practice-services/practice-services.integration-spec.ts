// Real: the service-enablement service started in this process as main.ts starts it (the shared
// service world: startService, its own throwaway PostgreSQL database, RabbitMQ), its outbox relay
// and events consumer. Faked: identity (the test publishes its membership.changed events itself,
// stamped with the test clock) and the gateway (actors are made up here).
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  ListServices,
  MembershipChanged,
  ServiceChanged,
  UpdateService,
  type Actor,
  type EventEnvelope,
} from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { SERVICE_NAME } from '../service-enablement.config';
import { ServiceEnablementModule } from '../service-enablement.module';
import { practiceServices } from './practice-services.schema';

const practiceId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const providerA = uuidv7();
const providerB = uuidv7();
const frontDesk = uuidv7();

describe('practice services over the bus', () => {
  let world: ServiceWorld;
  let bus: BusClient;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      module: ({ clock }) => ServiceEnablementModule.forRoot({ clock }),
    });
    bus = world.bus;
  });

  afterAll(() => world.close());

  /** What identity would publish when someone's roles change. */
  async function membership(
    userId: string,
    roles: string[],
    occurredAt = world.clock.now(),
  ): Promise<string> {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type: MembershipChanged.pattern,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor: { system: 'identity' },
      data: { practiceId, userId, roles, clientId: null },
    };
    await world.events.publish(event);
    return event.id;
  }

  /** Once its inbox row exists, the service has applied (or deliberately skipped) the event. */
  async function handled(eventId: string): Promise<void> {
    expect(await world.handled(eventId)).toBe(1);
  }

  async function nextServiceChanged(): Promise<Record<string, unknown>> {
    return (await world.events.take(ServiceChanged.pattern)).data;
  }

  it('shows every service disabled until an Admin enables it, to admins and providers but not clients', async () => {
    const list = await bus.send(ListServices, { actor: admin });
    expect(list.map((s) => [s.key, s.enabled, s.providerIds])).toEqual([
      ['client_billing', false, []],
      ['telehealth_video', false, []],
      ['secure_messaging', false, []],
      ['documents', false, []],
      ['directory_listing', false, []],
    ]);
    await expect(bus.send(ListServices, { actor: { ...admin, role: 'provider' } })).resolves.toHaveLength(5);
    await expect(bus.send(ListServices, { actor: { ...admin, role: 'client' } })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets an Admin enable Client Billing for current providers, and announces it', async () => {
    await membership(providerA, ['provider']);
    await membership(providerB, ['admin', 'provider']);
    await membership(frontDesk, ['admin']);
    const enabled = await eventually(() =>
      bus.send(UpdateService, {
        actor: admin,
        key: 'client_billing',
        changes: { enabled: true, providerIds: [providerA, providerB] },
      }),
    );
    expect(enabled).toEqual({
      key: 'client_billing',
      name: 'Client Billing',
      enabled: true,
      providerIds: [providerA, providerB],
    });
    expect(await nextServiceChanged()).toEqual({
      practiceId,
      key: 'client_billing',
      enabled: true,
      providerIds: [providerA, providerB],
    });
    expect((await bus.send(ListServices, { actor: admin }))[0]).toEqual(enabled);
  });

  it('refuses to assign someone who is not a provider of the practice, naming the entry', async () => {
    const error = await bus
      .send(UpdateService, {
        actor: admin,
        key: 'documents',
        changes: { providerIds: [providerA, frontDesk] },
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'providerIds[1]', message: 'is not a provider of this practice' }] },
    });
  });

  it('lets only an Admin change services', async () => {
    await expect(
      bus.send(UpdateService, {
        actor: { ...admin, role: 'provider' },
        key: 'client_billing',
        changes: { enabled: false },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('unassigns a provider who is removed, announces it, and ignores an older event arriving late', async () => {
    world.clock.advance(60_000);
    await membership(providerA, []);
    expect(await nextServiceChanged()).toEqual({
      practiceId,
      key: 'client_billing',
      enabled: true,
      providerIds: [providerB],
    });

    await handled(await membership(providerA, ['provider'], new Date(world.clock.now().getTime() - 30_000)));
    await expect(
      bus.send(UpdateService, { actor: admin, key: 'documents', changes: { providerIds: [providerA] } }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await bus.send(ListServices, { actor: admin }))[0]?.providerIds).toEqual([providerB]);
  });

  it('stamps each change with the service’s clock', async () => {
    world.clock.set(new Date('2031-02-03T04:05:06Z'));
    await bus.send(UpdateService, { actor: admin, key: 'telehealth_video', changes: { enabled: true } });
    const [row] = await world.database.db
      .select({ updatedAt: practiceServices.updatedAt })
      .from(practiceServices)
      .where(eq(practiceServices.key, 'telehealth_video'));
    expect(row?.updatedAt).toEqual(new Date('2031-02-03T04:05:06Z'));
  });
});
