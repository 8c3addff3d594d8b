// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what, when, from where. Append-only: a trigger (migration `audit-append-only`) makes
 * the database itself refuse UPDATE and DELETE. No foreign keys, so that a row never blocks or
 * follows a change elsewhere.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    action: text('action').notNull(),
    actorUserId: uuid('actor_user_id'),
    practiceId: uuid('practice_id'),
    /** What the action was about, as `<kind>:<id>` (`user:…`, `invitation:…`, `session:…`). */
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
