// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * In-app alerts, one row per person and thing to tell them. The text is written once, when the
 * alert is made, and holds no health or money details (see AlertKind); `readAt` is set once.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  // A person's alerts, newest first, are the one list read: the keyset page walks this index.
  (table) => [
    index('alerts_owner_created_idx').on(table.userId, table.practiceId, table.createdAt, table.id),
  ],
);
