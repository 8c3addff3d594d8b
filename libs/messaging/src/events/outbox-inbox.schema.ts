// Tables every service that emits or consumes events has in its own database. drizzle-kit reads
// this file beside the service's own schema files, so the migrations of each service create them.
// Imports stay relative/package-only: drizzle-kit loads this file on its own.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Events written in the same transaction as the change they describe, until the relay publishes them. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    envelope: jsonb('envelope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('outbox_created_at_idx').on(table.createdAt, table.id)],
);

/** Events a handler has already applied: the same (event, handler) pair is applied once. */
export const inbox = pgTable(
  'inbox',
  {
    eventId: uuid('event_id').notNull(),
    handler: text('handler').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.eventId, table.handler] })],
);
