// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what, when, from where, in the database of the service it happened in. Append-only: a
 * trigger ({@link AUDIT_LOG_APPEND_ONLY_SQL}, a migration of each service that mounts this table)
 * makes the database itself refuse UPDATE, DELETE and TRUNCATE. No foreign keys, so that a row
 * never blocks or follows a change elsewhere.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    action: text('action').notNull(),
    actorUserId: uuid('actor_user_id'),
    practiceId: uuid('practice_id'),
    /** What the action was about, as `<kind>:<id>` (`user:…`, `invitation:…`, `note:…`). */
    subject: text('subject'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').notNull().$type<Record<string, unknown>>().default({}),
  },
  (table) => [
    index('audit_log_practice_idx').on(table.practiceId, table.occurredAt),
    index('audit_log_actor_idx').on(table.actorUserId, table.occurredAt),
  ],
);
