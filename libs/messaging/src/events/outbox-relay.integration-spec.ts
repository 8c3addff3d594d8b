// Real: PostgreSQL, RabbitMQ (including the broker closing every connection), a child process
// killed with SIGKILL, the service host with its outbox relay and events consumer.
// Faked: nothing; the fixture service stands in for a real one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { eventually } from '@arbor/testing';
import { emitEvent } from './outbox';
import { outbox } from './outbox-inbox.schema';
import { ItemRecorded } from '../../test/fixtures/fixture.contracts';
import { effects } from '../../test/fixtures/effects.schema';
import { createFixtureWorld, type FixtureWorld } from '../../test/fixtures/fixture-service';
import { testServices } from '@arbor/testing';
import { createIsolatedVhost } from '../../test/fixtures/broker-control';

const SYSTEM = { practiceId: null, actor: { system: 'test' } } as const;

describe('outbox → relay → consumer', () => {
  let world: FixtureWorld;

  beforeEach(async () => {
    world = await createFixtureWorld('outbox');
  });
  afterEach(() => world.teardown());

  async function outboxSize(): Promise<number> {
    const [row] = await world.database.db.select({ n: count() }).from(outbox);
    return row?.n ?? 0;
  }

  it('never publishes an event whose transaction rolled back', async () => {
    await world.startService();
    await expect(
      world.database.db.transaction(async (tx) => {
        await emitEvent(tx, ItemRecorded, { label: 'rolled-back', sequence: 1 }, SYSTEM);
        throw new Error('the change failed after the event was written');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxSize()).toBe(0);

    // A committed event behind it arrives; the rolled-back one never does.
    await world.database.db.transaction((tx) =>
      emitEvent(tx, ItemRecorded, { label: 'committed', sequence: 2 }, SYSTEM),
    );
    await eventually(async () => expect(await world.effectCount()).toBe(1));
    const labels = await world.database.db.select({ label: effects.label }).from(effects);
    expect(labels).toEqual([{ label: 'committed' }]);
  });

  it('publishes every event of a transaction that emitted several (they share one notification)', async () => {
    await world.startService();
    await world.database.db.transaction(async (tx) => {
      for (let sequence = 0; sequence < 25; sequence += 1) {
        await emitEvent(tx, ItemRecorded, { label: 'batch', sequence }, SYSTEM);
      }
    });
    await eventually(async () => expect(await world.effectCount()).toBe(25));
  });

  it('publishes an event committed by a process killed before its relay ran, once the relay runs again', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        path.join(__dirname, '../../test/fixtures/commit-then-crash.main.ts'),
        world.database.url,
        world.rabbitmqUrl,
        world.namespace,
        'survivor',
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, SWC_NODE_PROJECT: path.join(__dirname, '../../../../tsconfig.base.json') },
      },
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, sig) => resolve(sig)),
    );
    expect(signal).toBe('SIGKILL');
    expect(await outboxSize()).toBe(1);
    expect(await world.effectCount()).toBe(0);

    await world.startService(); // the relay runs again
    await eventually(async () => expect(await world.effectCount()).toBe(1));
    await eventually(async () => expect(await outboxSize()).toBe(0));
    const [effect] = await world.database.db.select().from(effects).where(eq(effects.label, 'survivor'));
    expect(effect).toBeDefined();
  });

  it('reconnects by itself when the broker closes every connection mid-stream, and every confirmed event is consumed once', async () => {
    // This test closes connections on the broker: in a vhost of its own, it closes only its own.
    const vhost = await createIsolatedVhost(testServices().rabbitmqUrl);
    await world.teardown();
    world = await createFixtureWorld('reconnect', { rabbitmqUrl: vhost.url });
    try {
      await reconnectScenario(vhost);
    } finally {
      await world.teardown();
      world = await createFixtureWorld('outbox'); // what afterEach tears down
      await vhost.remove();
    }
  });

  async function reconnectScenario(vhost: Awaited<ReturnType<typeof createIsolatedVhost>>): Promise<void> {
    await world.startService();
    const total = 300;
    const before = await vhost.connectionIds();
    expect(before.length).toBeGreaterThan(0);
    const emitted: string[] = [];
    for (let sequence = 0; sequence < total; sequence += 1) {
      const envelope = await world.database.db.transaction((tx) =>
        emitEvent(tx, ItemRecorded, { label: 'stream', sequence }, SYSTEM),
      );
      emitted.push(envelope.id);
      if (sequence === total / 3) await vhost.closeAllConnections('arbor reconnect test');
    }
    await eventually(async () => expect(await world.effectCount()).toBe(total), { timeoutMs: 60_000 });
    const rows = await world.database.db
      .select({ eventId: effects.eventId, sequence: effects.sequence })
      .from(effects);
    expect(new Set(rows.map((row) => row.eventId))).toEqual(new Set(emitted));
    expect(new Set(rows.map((row) => row.sequence)).size).toBe(total);
    expect(await outboxSize()).toBe(0);

    // The connections that carried the stream at the end are new ones: the old were really closed.
    const after = await vhost.connectionIds();
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((id) => before.includes(id))).toEqual([]);
  }

  it('publishes persistent messages with the event id, type and trace on the wire', async () => {
    // Read what the relay sends straight from a queue bound like a consumer's.
    const amqp = await import('amqplib');
    const connection = await amqp.connect(world.rabbitmqUrl);
    const channel = await connection.createChannel();
    const exchange = `${world.namespace}.events`;
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, exchange, ItemRecorded.pattern);
    await world.startService();
    const envelope = await world.database.db.transaction((tx) =>
      emitEvent(tx, ItemRecorded, { label: 'wire', sequence: 9 }, SYSTEM),
    );
    const message = await eventually(async () => {
      const got = await channel.get(queue, { noAck: true });
      if (!got) throw new Error('nothing published yet');
      return got;
    });
    expect(message.properties).toMatchObject({
      deliveryMode: 2,
      messageId: envelope.id,
      type: ItemRecorded.pattern,
      contentType: 'application/json',
      headers: { traceparent: envelope.traceparent },
    });
    expect(JSON.parse(message.content.toString())).toEqual({ pattern: ItemRecorded.pattern, data: envelope });
    await connection.close();
  });
});
