// Real: the service-enablement service (in this process) on RabbitMQ and PostgreSQL, its outbox
// relay and events consumer. Faked: identity — the test publishes its membership events itself.
import path from 'node:path';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
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
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import {
  BusClient,
  busTopology,
  deleteBusNamespace,
  inbox,
  startService,
  type RunningService,
} from '@arbor/messaging';
import { eventually, testServices, uniqueBusNamespace } from '@arbor/testing';
import { ServiceEnablementModule } from '../service-enablement.module';

const SERVICE = 'service-enablement';
const practiceId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const providerA = uuidv7();
const providerB = uuidv7();
const frontDesk = uuidv7();

describe('practice services over the bus', () => {
  const services = testServices();
  const namespace = uniqueBusNamespace('services');
  let database: TestDatabase;
  let service: RunningService;
  let bus: BusClient;
  let connection: ChannelModel;
  let publisher: ConfirmChannel;
  let listener: Channel;
  let changedQueue: string;

  beforeAll(async () => {
    database = await createTestDatabase(
      services.postgresUrl,
      'services',
      path.join(__dirname, '../../migrations'),
    );
    service = await startService({
      service: SERVICE,
      module: ServiceEnablementModule,
      config: {
        databaseUrl: database.url,
        rabbitmqUrl: services.rabbitmqUrl,
        busNamespace: namespace,
        opsPort: 0,
        logLevel: 'silent',
        rpcTimeoutMs: 3000,
      },
    });
    bus = new BusClient({ url: services.rabbitmqUrl, namespace });
    connection = await amqp.connect(services.rabbitmqUrl);
    publisher = await connection.createConfirmChannel();
    listener = await connection.createChannel();
    changedQueue = (await listener.assertQueue('', { exclusive: true })).queue;
    await listener.bindQueue(changedQueue, busTopology(namespace).eventsExchange, ServiceChanged.pattern);
  });

  afterAll(async () => {
    await connection.close();
    await bus.close();
    await service.stop();
    await deleteBusNamespace(services.rabbitmqUrl, namespace, [SERVICE]);
    await database.drop();
  });

  async function membership(userId: string, roles: string[], occurredAt = new Date()): Promise<string> {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type: MembershipChanged.pattern,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor: { system: 'identity' },
      data: { practiceId, userId, roles, clientId: null },
    };
    publisher.publish(
      busTopology(namespace).eventsExchange,
      event.type,
      Buffer.from(JSON.stringify({ pattern: event.type, data: event })),
      {
        persistent: true,
      },
    );
    await publisher.waitForConfirms();
    return event.id;
  }

  /** Once its inbox row exists, the service has applied (or deliberately skipped) the event. */
  async function handled(eventId: string): Promise<void> {
    await eventually(async () => {
      const rows = await database.db.select().from(inbox).where(eq(inbox.eventId, eventId));
      expect(rows).toHaveLength(1);
    });
  }

  async function nextServiceChanged(): Promise<Record<string, unknown>> {
    return eventually(async () => {
      const message = await listener.get(changedQueue, { noAck: true });
      if (!message) throw new Error('no service.changed yet');
      return (JSON.parse(message.content.toString()) as { data: { data: Record<string, unknown> } }).data
        .data;
    });
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
    await membership(providerA, [], new Date());
    expect(await nextServiceChanged()).toEqual({
      practiceId,
      key: 'client_billing',
      enabled: true,
      providerIds: [providerB],
    });

    await handled(await membership(providerA, ['provider'], new Date(Date.now() - 60_000)));
    await expect(
      bus.send(UpdateService, { actor: admin, key: 'documents', changes: { providerIds: [providerA] } }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await bus.send(ListServices, { actor: admin }))[0]?.providerIds).toEqual([providerB]);
  });
});
