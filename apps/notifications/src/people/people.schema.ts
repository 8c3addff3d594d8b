// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The practices notifications has heard of (identity's practice.created), for their name in alerts. */
export const practices = pgTable('practices', {
  practiceId: uuid('practice_id').primaryKey(),
  name: text('name').notNull(),
});

/**
 * Who holds which roles in a practice, and which client record a client's portal account is for,
 * as identity last said (membership events; `asOf` ignores an older one arriving late). An alert
 * about a client goes to the portal accounts linked to that client here.
 */
export const practiceMembers = pgTable(
  'practice_members',
  {
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    roles: text('roles').array().notNull(),
    clientId: uuid('client_id'),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.practiceId, table.userId] }),
    // Every invoice event looks up its client's portal accounts.
    index('practice_members_client_idx').on(table.practiceId, table.clientId),
  ],
);
