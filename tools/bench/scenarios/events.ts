import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import amqp, { type ConsumeMessage } from 'amqplib';
import { Pool } from 'pg';
import type { DatabaseHandle } from '@arbor/database';
import { emitEvent } from '@arbor/messaging';
import { ItemRecorded } from '../targets';
import { sleep } from '../stats';

export interface EventRun {
  readonly events: number;
  /** First write (or publish) until the consumer has applied (acked) the last one. */
  readonly elapsedMs: number;
  /** How long the producers took to write (outbox) or publish with confirms (raw). */
  readonly produceMs: number;
  readonly perSecond: number;
}

async function appliedEffects(database: DatabaseHandle): Promise<number> {
  const result = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM fixture_effects');
  return result.rows[0]?.n ?? 0;
}

/**
 * The whole Arbor event path: `emitEvent` in transactions on the fixture database, the running
 * service's outbox relay, RabbitMQ, the service's `ArborEventServer` applying each event in its own
 * transaction with its inbox row. Done when `fixture_effects` holds every event.
 */
export async function outboxThroughput(
  database: DatabaseHandle,
  options: { events: number; perTransaction: number; writers: number; timeoutMs: number },
): Promise<EventRun> {
  const { events, perTransaction, writers, timeoutMs } = options;
  const baseline = await appliedEffects(database);
  const transactions = Math.ceil(events / perTransaction);
  let nextTransaction = 0;
  let sequence = 0;
  const writer = async (): Promise<void> => {
    while (nextTransaction < transactions) {
      const index = nextTransaction;
      nextTransaction += 1;
      const size = Math.min(perTransaction, events - index * perTransaction);
      await database.db.transaction(async (tx) => {
        for (let i = 0; i < size; i += 1) {
          sequence += 1;
          await emitEvent(
            tx,
            ItemRecorded,
            { label: 'bench', sequence },
            { practiceId: null, actor: { system: 'bench' } },
          );
        }
      });
    }
  };
  const started = performance.now();
  const writing = Promise.all(Array.from({ length: writers }, writer)).then(
    () => performance.now() - started,
  );
  const deadline = started + timeoutMs;
  for (;;) {
    const applied = (await appliedEffects(database)) - baseline;
    if (applied >= events) break;
    if (performance.now() > deadline)
      throw new Error(`outbox path applied ${applied}/${events} events within ${timeoutMs} ms`);
    await sleep(5);
  }
  const elapsedMs = performance.now() - started;
  const produceMs = await writing;
  return { events, elapsedMs, produceMs, perSecond: (events / elapsedMs) * 1000 };
}

function rawEnvelope(sequence: number): { id: string; content: Buffer } {
  const id = randomUUID();
  const envelope = {
    id,
    type: ItemRecorded.pattern,
    occurredAt: new Date().toISOString(),
    practiceId: null,
    actor: { system: 'bench' },
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    data: { label: 'bench', sequence },
  };
  return { id, content: Buffer.from(JSON.stringify({ pattern: ItemRecorded.pattern, data: envelope })) };
}

type Apply = (message: ConsumeMessage) => Promise<void>;

/**
 * amqplib publishing `events` persistent messages with publisher confirms to a quorum queue, and a
 * consumer (same prefetch as the Arbor events server) that runs `apply` on each, then acks it.
 */
async function rawPipeline(
  url: string,
  queue: string,
  options: { events: number; prefetch: number; timeoutMs: number },
  apply: Apply,
): Promise<EventRun> {
  const { events, prefetch, timeoutMs } = options;
  const publisherConnection = await amqp.connect(url);
  const consumerConnection = await amqp.connect(url);
  for (const connection of [publisherConnection, consumerConnection]) connection.on('error', () => undefined);
  try {
    const consumer = await consumerConnection.createChannel();
    await consumer.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await consumer.prefetch(prefetch);
    let received = 0;
    const failure: { error: Error | null } = { error: null };
    let done: () => void = () => undefined;
    const allReceived = new Promise<void>((resolve) => (done = resolve));
    await consumer.consume(
      queue,
      (message) => {
        if (!message) return;
        apply(message).then(
          () => {
            consumer.ack(message);
            received += 1;
            if (received === events) done();
          },
          (error: unknown) => {
            failure.error = error instanceof Error ? error : new Error('apply failed', { cause: error });
            done();
          },
        );
      },
      { noAck: false },
    );

    const publisher = await publisherConnection.createConfirmChannel();
    const started = performance.now();
    for (let i = 0; i < events; i += 1) {
      const { id, content } = rawEnvelope(i);
      const ok = publisher.sendToQueue(queue, content, {
        persistent: true,
        contentType: 'application/json',
        messageId: id,
      });
      if (!ok) await new Promise((resolve) => publisher.once('drain', resolve));
    }
    await publisher.waitForConfirms();
    const produceMs = performance.now() - started;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      allReceived,
      new Promise((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`raw consumer got ${received}/${events} within ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (failure.error) throw failure.error;
    const elapsedMs = performance.now() - started;
    return { events, elapsedMs, produceMs, perSecond: (events / elapsedMs) * 1000 };
  } finally {
    await publisherConnection.close();
    await consumerConnection.close();
  }
}

/** The floor: persistent + confirms → quorum queue → manual ack. No database. */
export function rawEventThroughput(
  url: string,
  queue: string,
  options: { events: number; prefetch: number; timeoutMs: number },
): Promise<EventRun> {
  return rawPipeline(url, queue, options, (message) => {
    JSON.parse(message.content.toString());
    return Promise.resolve();
  });
}

/**
 * A hand-written exactly-once consumer, for scale: the same broker path as {@link rawEventThroughput},
 * and per message the database work Arbor's events server does (one transaction: the inbox claim
 * and the effect row), on plain `pg` with a pool as large as a service's. No outbox, no relay.
 */
export async function rawDatabaseEventThroughput(
  url: string,
  queue: string,
  databaseUrl: string,
  options: { events: number; prefetch: number; timeoutMs: number },
): Promise<EventRun> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => undefined);
  try {
    return await rawPipeline(url, queue, options, async (message) => {
      const { data } = JSON.parse(message.content.toString()) as {
        data: { id: string; data: { label: string; sequence: number } };
      };
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const claimed = await client.query(
          'INSERT INTO inbox (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
          [data.id, 'raw-bench'],
        );
        if (claimed.rowCount === 1) {
          await client.query('INSERT INTO fixture_effects (event_id, label, sequence) VALUES ($1, $2, $3)', [
            data.id,
            data.data.label,
            data.data.sequence,
          ]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  } finally {
    await pool.end();
  }
}
