import { ServerRMQ, type RmqContext, type RmqOptions } from '@nestjs/microservices';
import type { Channel, ConsumeMessage } from 'amqplib';
import { isObservable, lastValueFrom } from 'rxjs';
import { fieldErrors } from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { runWithTraceContext, type Logger } from '@arbor/observability';
import { ARBOR_EVENTS } from '../transports';
import {
  AMQP_SOCKET_OPTIONS,
  busTopology,
  deadLetterQueueOptions,
  DEFAULT_DELIVERY_LIMIT,
  eventsQueueOptions,
  type BusTopology,
} from '../topology';
import type { EventDelivery, EventHandlerExtras } from './handles-event.decorator';
import { claimInbox } from './inbox';
import { guardConsume } from '../consume-guard';
import { messagingMetrics } from '../metrics';

export interface EventServerOptions {
  url: string;
  service: string;
  db: Database;
  logger: Logger;
  namespace?: string;
  /** Events handled at once by this replica. */
  prefetch?: number;
  deliveryLimit?: number;
}

type IncomingEvent = { data?: unknown };

/**
 * The service's event consumer: one durable quorum queue bound to `arbor.events` with the name of
 * every event the service handles (`@HandlesEvent`), manual acks, bounded prefetch, an explicit
 * delivery limit and a dead-letter queue. Each event is applied in one transaction together with
 * its inbox row, then acked: at-least-once delivery, applied exactly once.
 */
export class ArborEventServer extends ServerRMQ {
  override transportId = ARBOR_EVENTS;
  private readonly topology: BusTopology;

  constructor(private readonly arbor: EventServerOptions) {
    const topology = busTopology(arbor.namespace);
    const rmq: RmqOptions['options'] = {
      urls: [arbor.url],
      socketOptions: AMQP_SOCKET_OPTIONS,
      queue: topology.eventsQueue(arbor.service),
      queueOptions: eventsQueueOptions(
        topology,
        arbor.service,
        arbor.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
      ),
      exchange: topology.eventsExchange,
      exchangeType: 'topic',
      wildcards: true,
      noAck: false,
      prefetchCount: arbor.prefetch ?? 16,
    };
    super(rmq);
    this.topology = topology;
  }

  /** Declares the dead-letter side before the queue that points at it, then lets Nest bind and consume. */
  override async setupChannel(channel: Channel, callback: () => void): Promise<void> {
    guardConsume(channel, this.arbor.logger);
    const deadLetterQueue = this.topology.deadLetterQueue(this.arbor.service);
    await channel.assertExchange(this.topology.deadLetterExchange, 'direct', { durable: true });
    await channel.assertQueue(deadLetterQueue, deadLetterQueueOptions());
    await channel.bindQueue(
      deadLetterQueue,
      this.topology.deadLetterExchange,
      this.topology.eventsQueue(this.arbor.service),
    );
    return super.setupChannel(channel, callback);
  }

  override async handleEvent(pattern: string, packet: IncomingEvent, context: RmqContext): Promise<void> {
    const message = context.getMessage() as ConsumeMessage;
    const channel = context.getChannelRef() as Channel;
    const handler = this.getHandlerByPattern(pattern);
    const extras = handler?.extras as EventHandlerExtras | undefined;
    if (!handler || !extras?.contract) {
      this.arbor.logger.error({ pattern }, 'no handler for this event; dead-lettering it');
      messagingMetrics.eventsHandled.inc({ event: 'unknown', outcome: 'dead_lettered' });
      return settle(channel, message, 'reject', this.arbor.logger);
    }
    const parsed = extras.contract.envelope.safeParse(packet.data);
    if (!parsed.success) {
      // Retrying cannot make an invalid message valid: straight to the dead-letter queue.
      this.arbor.logger.error(
        { pattern, messageId: message.properties.messageId, errors: fieldErrors(parsed.error) },
        'invalid event; dead-lettering it',
      );
      messagingMetrics.eventsHandled.inc({ event: pattern, outcome: 'dead_lettered' });
      return settle(channel, message, 'reject', this.arbor.logger);
    }
    const event = parsed.data;
    await runWithTraceContext(
      {
        ...(event.traceparent ? { traceparent: event.traceparent } : {}),
        ...(event.practiceId ? { practiceId: event.practiceId } : {}),
      },
      async () => {
        try {
          let outcome = 'duplicate';
          await this.arbor.db.transaction(async (tx) => {
            if (!(await claimInbox(tx, event.id, extras.handlerName))) return;
            outcome = 'applied';
            const delivery: EventDelivery = { event, tx };
            const result: unknown = await handler(delivery, context);
            if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          });
          settle(channel, message, 'ack', this.arbor.logger);
          messagingMetrics.eventsHandled.inc({ event: pattern, outcome });
        } catch (error) {
          messagingMetrics.eventsHandled.inc({ event: pattern, outcome: 'retried' });
          const deliveries = Number(message.properties.headers?.['x-delivery-count'] ?? 0) + 1;
          this.arbor.logger.warn(
            { err: error, pattern, eventId: event.id, handler: extras.handlerName, deliveries },
            'event handler failed; the event will be redelivered until the delivery limit',
          );
          settle(channel, message, 'retry', this.arbor.logger);
        }
      },
    );
  }
}

function settle(
  channel: Channel,
  message: ConsumeMessage,
  outcome: 'ack' | 'retry' | 'reject',
  logger: Logger,
): void {
  try {
    if (outcome === 'ack') channel.ack(message);
    else channel.nack(message, false, outcome === 'retry');
  } catch (error) {
    // The channel closed while we worked: the broker redelivers, and the inbox absorbs the repeat.
    logger.warn({ err: error, outcome }, 'could not settle an event delivery; it will be redelivered');
  }
}
