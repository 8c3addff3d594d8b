// Real: PostgreSQL, RabbitMQ quorum queues with their delivery limit and dead-letter exchange,
// the service host's events consumer. Faked: the publisher — tests publish to the exchange
// directly, to deliver the same event several times or a poison one.
import amqp, { type Channel, type ChannelModel } from 'amqplib';
import { count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { EventEnvelope } from '@arbor/contracts';
import { eventually } from '@arbor/testing';
import { busTopology, DEFAULT_DELIVERY_LIMIT } from '../topology';
import { inbox } from './outbox-inbox.schema';
import { FIXTURE_SERVICE, ItemRecorded, ItemRejected } from '../../test/fixtures/fixture.contracts';
import { observed } from '../../test/fixtures/fixture.module';
import { effects } from '../../test/fixtures/effects.schema';
import { createFixtureWorld, type FixtureWorld } from '../../test/fixtures/fixture-service';

function envelope<T>(type: string, data: T): EventEnvelope<T> {
  return {
    id: uuidv7(),
    type,
    occurredAt: new Date().toISOString(),
    practiceId: null,
    actor: { system: 'test' },
    data,
  };
}

describe('events consumer', () => {
  let world: FixtureWorld;
  let connection: ChannelModel;
  let channel: Channel;

  beforeAll(async () => {
    world = await createFixtureWorld('consumer');
    await world.startService();
    connection = await amqp.connect(world.rabbitmqUrl);
    channel = await connection.createConfirmChannel();
  });
  afterAll(async () => {
    await connection.close();
    await world.teardown();
  });

  const deadLetterQueue = () => busTopology(world.namespace).deadLetterQueue(FIXTURE_SERVICE);

  function nextDeadLetter(): Promise<amqp.GetMessage> {
    return eventually(async () => {
      const message = await channel.get(deadLetterQueue(), { noAck: true });
      if (!message) throw new Error('nothing dead-lettered yet');
      return message;
    });
  }

  async function publish(event: EventEnvelope<unknown>): Promise<void> {
    channel.publish(
      busTopology(world.namespace).eventsExchange,
      event.type,
      Buffer.from(JSON.stringify({ pattern: event.type, data: event })),
      { persistent: true, messageId: event.id },
    );
    await (channel as amqp.ConfirmChannel).waitForConfirms();
  }

  it('applies an event delivered three times exactly once', async () => {
    const event = envelope(ItemRecorded.pattern, { label: 'triplicate', sequence: 1 });
    await publish(event);
    await publish(event);
    await publish(event);
    // A later event proves the three copies have all been consumed before we count.
    const marker = envelope(ItemRecorded.pattern, { label: 'marker', sequence: 2 });
    await publish(marker);
    await eventually(async () => {
      const [row] = await world.database.db
        .select({ n: count() })
        .from(effects)
        .where(eq(effects.eventId, marker.id));
      expect(row?.n).toBe(1);
    });
    const applied = await world.database.db.select().from(effects).where(eq(effects.eventId, event.id));
    expect(applied).toHaveLength(1);
    const claims = await world.database.db.select().from(inbox).where(eq(inbox.eventId, event.id));
    expect(claims).toEqual([expect.objectContaining({ handler: 'FixtureHandlers.onRecorded' })]);
  });

  it('dead-letters an event whose handler always fails after the delivery limit, while other events keep flowing', async () => {
    observed.reset();
    const poison = envelope(ItemRejected.pattern, { label: 'poison' });
    await publish(poison);
    const good = Array.from({ length: 20 }, (_, sequence) =>
      envelope(ItemRecorded.pattern, { label: 'flowing', sequence }),
    );
    for (const event of good) await publish(event);

    await eventually(async () => {
      const [row] = await world.database.db
        .select({ n: count() })
        .from(effects)
        .where(eq(effects.label, 'flowing'));
      expect(row?.n).toBe(good.length);
    });
    const dead = await nextDeadLetter();
    expect(dead.properties.messageId).toBe(poison.id);
    expect(JSON.parse(dead.content.toString())).toEqual({ pattern: poison.type, data: poison });
    // The first delivery plus one redelivery per unit of the limit, then no more.
    expect(observed.rejectedAttempts).toBe(DEFAULT_DELIVERY_LIMIT + 1);
    expect(await channel.get(deadLetterQueue(), { noAck: true })).toBe(false);
  });

  it('dead-letters an event that breaks its contract at once, without running the handler', async () => {
    const invalid = envelope(ItemRecorded.pattern, { label: '', sequence: -1 });
    await publish(invalid);
    const dead = await nextDeadLetter();
    expect(dead.properties.messageId).toBe(invalid.id);
    expect(await world.database.db.select().from(effects).where(eq(effects.eventId, invalid.id))).toEqual([]);
  });
});
