// Real: PostgreSQL, RabbitMQ, a bare service (no handlers of its own: the readiness every service
// answers) started with startService on this library's test migrations. Faked: nothing.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Inject, Injectable, Module } from '@nestjs/common';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { CLOCK, ClockModule } from '@arbor/clock';
import { CheckReadiness } from '@arbor/contracts';
import { databaseNameOf, withDatabaseName } from '@arbor/database';
import { job, JobQueue, ProcessesJob } from '@arbor/jobs';
import { busTopology } from '@arbor/messaging';
import { eventually, testServices } from '@arbor/testing';
import { createServiceWorld } from './service-world';

const MIGRATIONS = path.join(__dirname, '..', 'test', 'migrations');
const SERVICE = 'world-probe';

@Module({})
class BareModule {}

const Ping = job('world-probe.ping.send.v1', z.object({ n: z.number().int() }));
const pinged: number[] = [];

@Injectable()
class Pinger {
  constructor(@Inject(JobQueue) readonly queue: JobQueue) {}

  @ProcessesJob(Ping)
  ping({ n }: { n: number }): Promise<void> {
    pinged.push(n);
    return Promise.resolve();
  }
}

@Module({ providers: [Pinger] })
class PingerModule {}

async function redisKeys(namespace: string): Promise<string[]> {
  const redis = new Redis(testServices().redisUrl, { connectionName: 'arbor-test-service-world' });
  try {
    return await redis.keys(`*${namespace}*`);
  } finally {
    redis.disconnect();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      databaseNameOf(url),
    ]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

async function queueExists(queue: string): Promise<boolean> {
  const connection = await amqp.connect(testServices().rabbitmqUrl);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined); // a missing queue closes the channel
    return await channel.checkQueue(queue).then(
      () => true,
      () => false,
    );
  } finally {
    await connection.close();
  }
}

describe('the service world', () => {
  it('runs the service on its own database and namespace, with the test clock, and removes it all', async () => {
    const world = await createServiceWorld({
      service: SERVICE,
      migrations: MIGRATIONS,
      clockStart: new Date('2030-01-01T00:00:00Z'),
      module: ({ clock }) => ({ module: BareModule, imports: [ClockModule.forRoot(clock)] }),
    });
    const rpcQueue = busTopology(world.namespace).rpcQueue(SERVICE);
    try {
      await expect(world.bus.send(CheckReadiness, {}, { to: SERVICE })).resolves.toMatchObject({
        ready: true,
      });
      expect(world.service.app.get(CLOCK)).toBe(world.clock);
      expect(world.clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');

      const event = {
        id: uuidv7(),
        type: 'world-probe.thing.happened.v1',
        occurredAt: world.clock.now().toISOString(),
        practiceId: null,
        actor: { system: 'test' },
        data: { n: 1 },
      };
      await world.events.publish(event);
      expect((await world.events.take(event.type)).id).toBe(event.id);
      expect(world.events.events).toEqual([]);

      expect(await databaseExists(world.database.url)).toBe(true);
      expect(await queueExists(rpcQueue)).toBe(true);
    } finally {
      await world.close();
    }
    expect(await databaseExists(world.database.url)).toBe(false);
    expect(await queueExists(rpcQueue)).toBe(false);
  });

  it('runs the service’s jobs on the test Redis, and empties its queue on close', async () => {
    const world = await createServiceWorld({
      service: SERVICE,
      label: 'world_jobs',
      migrations: MIGRATIONS,
      jobs: true,
      module: () => PingerModule,
    });
    try {
      await expect(world.bus.send(CheckReadiness, {}, { to: SERVICE })).resolves.toMatchObject({
        ready: true,
        checks: { redis: { state: 'up' } },
      });
      await world.service.app.get(Pinger).queue.enqueue(Ping, { n: 7 }, { jobId: 'ping-7' });
      await eventually(() => expect(pinged).toEqual([7]));
      expect(await redisKeys(world.namespace)).not.toEqual([]);
    } finally {
      await world.close();
    }
    expect(await redisKeys(world.namespace)).toEqual([]);
  });

  it('refuses a database whose audit_log lacks its append-only trigger, leaving nothing behind', async () => {
    // This library's migrations without the trigger migration: the mistake the check is for.
    const folder = mkdtempSync(path.join(tmpdir(), 'arbor-world-'));
    try {
      mkdirSync(path.join(folder, 'meta'));
      copyFileSync(path.join(MIGRATIONS, '0000_service.sql'), path.join(folder, '0000_service.sql'));
      copyFileSync(
        path.join(MIGRATIONS, 'meta', '0000_snapshot.json'),
        path.join(folder, 'meta', '0000_snapshot.json'),
      );
      const journal = (await import(path.join(MIGRATIONS, 'meta', '_journal.json'))) as {
        default: { entries: unknown[] };
      };
      writeFileSync(
        path.join(folder, 'meta', '_journal.json'),
        JSON.stringify({ ...journal.default, entries: journal.default.entries.slice(0, 1) }),
      );
      const names = async () => {
        const client = new Client({ connectionString: testServices().postgresUrl });
        await client.connect();
        try {
          const { rows } = await client.query<{ datname: string }>(
            "SELECT datname FROM pg_database WHERE datname LIKE 'arbor_test_world_untriggered_%'",
          );
          return rows.map((row) => row.datname);
        } finally {
          await client.end();
        }
      };
      await expect(
        createServiceWorld({
          service: SERVICE,
          label: 'world_untriggered',
          migrations: folder,
          module: () => BareModule,
        }),
      ).rejects.toThrow(/audit_log has no audit_log_append_only or audit_log_no_truncate trigger/);
      expect(await names()).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
