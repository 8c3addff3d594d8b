import amqp from 'amqplib';
import type { EventEnvelope } from '@arbor/contracts';
import { busTopology } from '@arbor/messaging';
import { eventually } from '@arbor/testing';

type AnyEnvelope = EventEnvelope<Record<string, unknown>>;

/**
 * Every event published in a bus namespace (or those matching `patterns`), as a consumer sees
 * it; and a way to publish one, for a test that stands in for the service that would emit it.
 */
export class EventTap {
  readonly events: AnyEnvelope[] = [];

  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly publisher: amqp.ConfirmChannel,
    private readonly exchange: string,
  ) {}

  /** `patterns` are topic routing keys: `identity.#`, `membership.changed`; default every event. */
  static async open(
    rabbitmqUrl: string,
    namespace: string,
    patterns: readonly string[] = ['#'],
  ): Promise<EventTap> {
    const connection = await amqp.connect(rabbitmqUrl);
    try {
      const exchange = busTopology(namespace).eventsExchange;
      const publisher = await connection.createConfirmChannel();
      const tap = new EventTap(connection, publisher, exchange);
      const channel = await connection.createChannel();
      await channel.assertExchange(exchange, 'topic', { durable: true });
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
      for (const pattern of patterns) await channel.bindQueue(queue, exchange, pattern);
      await channel.consume(
        queue,
        (message) => {
          // The relay publishes what NestJS's RMQ server reads: {pattern, data: envelope}.
          if (!message) return;
          tap.events.push((JSON.parse(message.content.toString()) as { data: AnyEnvelope }).data);
        },
        { noAck: true },
      );
      return tap;
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  /** Waits for an event of this type whose data matches; answers the first such (not consumed). */
  async next(
    type: string,
    matches: (data: Record<string, unknown>) => boolean = () => true,
    options?: { timeoutMs?: number },
  ): Promise<AnyEnvelope> {
    return eventually(() => {
      const found = this.events.find((event) => event.type === type && matches(event.data));
      if (!found)
        throw new Error(`no ${type} event yet (saw ${this.events.map((e) => e.type).join(', ') || 'none'})`);
      return found;
    }, options);
  }

  /**
   * Like {@link next}, but takes the event out of {@link events}: called again, it waits for the
   * following one (for a test that expects one event per step).
   */
  async take(
    type: string,
    matches: (data: Record<string, unknown>) => boolean = () => true,
    options?: { timeoutMs?: number },
  ): Promise<AnyEnvelope> {
    const found = await this.next(type, matches, options);
    this.events.splice(this.events.indexOf(found), 1);
    return found;
  }

  /** Publishes an envelope the way the outbox relay does, confirmed by the broker. */
  async publish(envelope: EventEnvelope<unknown>): Promise<void> {
    this.publisher.publish(
      this.exchange,
      envelope.type,
      Buffer.from(JSON.stringify({ pattern: envelope.type, data: envelope })),
      { persistent: true, contentType: 'application/json', messageId: envelope.id, type: envelope.type },
    );
    await this.publisher.waitForConfirms();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
