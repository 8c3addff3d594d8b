import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every processor event acted on, by the account it came for and the processor's own event id,
 * written in the same transaction as what the event changed: a redelivery (processors retry
 * until they hear 200, and may send one event twice) finds its row and changes nothing.
 */
export const processorWebhookEvents = pgTable(
  'processor_webhook_events',
  {
    processorAccountId: uuid('processor_account_id').notNull(),
    /** Stripe `evt_…`, Authorize.net `notificationId`. */
    eventId: text('event_id').notNull(),
    practiceId: uuid('practice_id').notNull(),
    eventType: text('event_type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.processorAccountId, table.eventId] })],
);
