import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { inArray, sql } from 'drizzle-orm';
import { Client } from 'pg';
import type { Database } from '@arbor/database';
import type { Logger } from '@arbor/observability';
import { AMQP_SOCKET_OPTIONS, busTopology } from '../topology';
import { outbox } from './outbox-inbox.schema';
import { OUTBOX_CHANNEL } from './outbox';
import { messagingMetrics } from '../metrics';

export interface OutboxRelayOptions {
  db: Database;
  /** Where the relay LISTENs for commits; the service's own database. */
  databaseUrl: string;
  rabbitmqUrl: string;
  namespace?: string;
  logger: Logger;
  /** Rows published per transaction. */
  batchSize?: number;
  /** Poll interval: the safety net when a notification was missed. */
  pollIntervalMs?: number;
  /** How long a publish may wait for the broker's confirm before the batch is retried. */
  publishTimeoutMs?: number;
}

interface OutboxRow {
  id: string;
  type: string;
  envelope: unknown;
}

/**
 * Publishes what services commit to their outbox: a batch of rows is locked (SKIP LOCKED, so
 * replicas share the work), published persistent with publisher confirms, and deleted in the
 * same transaction only once RabbitMQ has confirmed every message. A crash anywhere before that
 * commit leaves the rows in place and they go out on the next run; a crash after the confirms
 * but before the commit publishes them again, which consumers absorb through their inbox.
 */
export class OutboxRelay {
  private readonly connection: AmqpConnectionManager;
  private readonly channel: ChannelWrapper;
  private readonly exchange: string;
  private listener: Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  /** Set by a notification; cleared before each batch so none that arrives mid-batch is lost. */
  private notified = false;
  private loop: Promise<void> | null = null;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    const topology = busTopology(options.namespace);
    this.exchange = topology.eventsExchange;
    this.batchSize = options.batchSize ?? 200;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.connection = amqp.connect([options.rabbitmqUrl], {
      reconnectTimeInSeconds: 1,
      ...AMQP_SOCKET_OPTIONS,
    });
    this.connection.on('disconnect', ({ err }) =>
      options.logger.warn({ err }, 'outbox relay lost RabbitMQ; reconnecting'),
    );
    this.channel = this.connection.createChannel({
      confirm: true,
      json: false,
      publishTimeout: options.publishTimeoutMs ?? 10_000,
      setup: (channel: ConfirmChannel) => channel.assertExchange(this.exchange, 'topic', { durable: true }),
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    this.wake = null;
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.channel.close();
    await this.connection.close();
  }

  /** Whether the relay holds a live broker connection (readiness). */
  isConnected(): boolean {
    return this.connection.isConnected();
  }

  /** Publishes everything that is in the outbox now; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < this.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.ensureListening();
        this.notified = false;
        const published = await this.publishBatch();
        failures = 0;
        if (published === this.batchSize || this.notified) continue;
        await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        messagingMetrics.outboxFailures.inc();
        const backoff = Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000);
        this.options.logger.warn({ err: error, backoffMs: backoff }, 'outbox relay batch failed; retrying');
        await this.sleep(backoff);
      }
    }
  }

  private async publishBatch(): Promise<number> {
    return this.options.db.transaction(async (tx) => {
      const rows = (
        await tx.execute(
          sql`SELECT id, type, envelope FROM ${outbox} ORDER BY created_at, id LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`,
        )
      ).rows as unknown as OutboxRow[];
      if (rows.length === 0) return 0;
      await Promise.all(rows.map((row) => this.publish(row)));
      messagingMetrics.outboxPublished.inc(rows.length);
      await tx.delete(outbox).where(
        inArray(
          outbox.id,
          rows.map((row) => row.id),
        ),
      );
      return rows.length;
    });
  }

  private publish(row: OutboxRow): Promise<unknown> {
    const envelope = row.envelope as { traceparent?: string; occurredAt?: string };
    // The shape NestJS's RMQ server reads: {pattern, data}; the routing key is the event name.
    const content = Buffer.from(JSON.stringify({ pattern: row.type, data: row.envelope }));
    return this.channel.publish(this.exchange, row.type, content, {
      persistent: true,
      contentType: 'application/json',
      messageId: row.id,
      type: row.type,
      timestamp: envelope.occurredAt ? Math.floor(Date.parse(envelope.occurredAt) / 1000) : undefined,
      headers: envelope.traceparent ? { traceparent: envelope.traceparent } : {},
    });
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    const client = new Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    client.on('error', (error) => {
      this.options.logger.warn(
        { err: error },
        'outbox relay lost its LISTEN connection; polling until it is back',
      );
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
