import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { AlertCreated, SessionEnded, type AlertView } from '@arbor/contracts';
import { AMQP_SOCKET_OPTIONS, busTopology } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import type { GatewayConfig } from '../gateway.config';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../gateway.tokens';

/** Someone's open stream: what it is told of each new alert, and how it is ended. */
export interface AlertListener {
  readonly push: (alert: AlertView) => void;
  /** Its session ended (signed out, revoked): the stream says so, then closes. */
  readonly sessionEnded: () => void;
  readonly end: () => void;
}

/** Whose stream it is: the person, the practice they act in, and the session that opened it. */
export interface StreamOwner {
  readonly practiceId: string;
  readonly userId: string;
  readonly sessionId: string;
}

/** How long start-up waits for this replica's alert queue before going on without it. */
const BIND_WAIT_MS = 5000;

const keyOf = (practiceId: string, userId: string) => `${practiceId}:${userId}`;

/**
 * Every replica hears every new alert: each consumes `notifications.alert.created.v1` through a
 * queue of its own (server-named, exclusive, deleted with its connection), then pushes the alert
 * to the streams of its owner connected to this replica. A shared queue would hand each alert to
 * one replica only, while its owner may be connected to another. Alerts made while this replica is
 * away from the broker are not pushed (a fresh queue is made on reconnect): clients list
 * `/me/alerts` after (re)connecting, so nothing is lost, only not pushed.
 *
 * `identity.session.ended.v1` comes through the same queue, for the same reason: every stream the
 * ended session opened, on whichever replica, ends at once instead of when its access token
 * expires. One missed while away from the broker leaves such a stream open until that expiry.
 */
@Injectable()
export class AlertStreamHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly listeners = new Map<string, Set<AlertListener>>();
  private readonly bySession = new Map<string, Set<AlertListener>>();
  private connection: AmqpConnectionManager | undefined;
  private channel: ChannelWrapper | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** Resolves once this replica's queue is bound, so a stream opened after start misses nothing. */
  async onApplicationBootstrap(): Promise<void> {
    const exchange = busTopology(this.config.busNamespace).eventsExchange;
    this.connection = amqp.connect([this.config.rabbitmqUrl], {
      reconnectTimeInSeconds: 1,
      ...AMQP_SOCKET_OPTIONS,
    });
    this.connection.on('disconnect', ({ err }) =>
      this.logger.warn(
        { err },
        'alert streams lost RabbitMQ; reconnecting (alerts meanwhile are not pushed)',
      ),
    );
    this.channel = this.connection.createChannel({
      json: false,
      setup: async (channel: Channel) => {
        await channel.assertExchange(exchange, 'topic', { durable: true });
        const { queue } = await channel.assertQueue('', {
          exclusive: true,
          autoDelete: true,
          durable: false,
        });
        await channel.bindQueue(queue, exchange, AlertCreated.pattern);
        await channel.bindQueue(queue, exchange, SessionEnded.pattern);
        // No ack: a push is only worth something now; a redelivered one would be a duplicate.
        await channel.consume(queue, (message) => this.receive(message), { noAck: true });
      },
    });
    // Bounded: with the broker away the gateway must still start (and say so on its readiness);
    // the queue is bound as soon as the broker is back.
    let timer: NodeJS.Timeout | undefined;
    const bound = await Promise.race([
      this.channel.waitForConnect().then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), BIND_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!bound) this.logger.warn('alert streams: RabbitMQ not reachable yet; alerts are pushed once it is');
  }

  async onModuleDestroy(): Promise<void> {
    for (const listeners of this.listeners.values()) for (const listener of listeners) listener.end();
    this.listeners.clear();
    this.bySession.clear();
    await this.channel?.close();
    await this.connection?.close();
  }

  /** Starts pushing the owner's new alerts to `listener`, until the answer stops it. */
  subscribe(owner: StreamOwner, listener: AlertListener): () => void {
    const stopAlerts = addTo(this.listeners, keyOf(owner.practiceId, owner.userId), listener);
    const stopSession = addTo(this.bySession, owner.sessionId, listener);
    return () => {
      stopAlerts();
      stopSession();
    };
  }

  /** One message of this replica's queue: an alert to push, or a session whose streams end. */
  receive(message: ConsumeMessage | null): void {
    if (!message) return;
    let envelope: unknown;
    try {
      // The outbox relay publishes what NestJS's RMQ server reads: {pattern, data: envelope}.
      envelope = (JSON.parse(message.content.toString('utf8')) as { data?: unknown }).data;
    } catch {
      envelope = undefined;
    }
    if (message.fields.routingKey === SessionEnded.pattern) {
      const parsed = SessionEnded.envelope.safeParse(envelope);
      if (!parsed.success) return this.refuse(message, 'session-ended event');
      // A copy: each listener's end unsubscribes it from the set being walked.
      for (const listener of [...(this.bySession.get(parsed.data.data.sessionId) ?? [])]) {
        listener.sessionEnded();
      }
      return;
    }
    const parsed = AlertCreated.envelope.safeParse(envelope);
    if (!parsed.success) return this.refuse(message, 'alert event');
    const { practiceId, userId, alert } = parsed.data.data;
    for (const listener of this.listeners.get(keyOf(practiceId, userId)) ?? []) listener.push(alert);
  }

  private refuse(message: ConsumeMessage, what: string): void {
    this.logger.warn(
      { messageId: message.properties.messageId as unknown, routingKey: message.fields.routingKey },
      `${what} breaks its contract: ignored`,
    );
  }
}

/** Adds `listener` under `key`; the answer takes it out again, and the key once it is empty. */
function addTo(map: Map<string, Set<AlertListener>>, key: string, listener: AlertListener): () => void {
  const listeners = map.get(key) ?? new Set<AlertListener>();
  listeners.add(listener);
  map.set(key, listeners);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && map.get(key) === listeners) map.delete(key);
  };
}
