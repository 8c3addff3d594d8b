// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Where each person's email goes. No event carries a person's address yet (identity owns them):
 * until one does, nothing fills this table and alerts are in-app only. See the module's notes.
 */
export const recipientAddresses = pgTable('recipient_addresses', {
  userId: uuid('user_id').primaryKey(),
  address: text('address').notNull(),
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * One email about one alert: what is sent is fixed when the alert is made (its text holds no
 * health or money details), and its delivery job moves it from `pending` to `sent`, or to
 * `failed` after its last try, with the mail server's last answer.
 */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    alertId: uuid('alert_id').notNull(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    failedAt: timestamp('failed_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    index('email_deliveries_alert_idx').on(table.alertId),
    // The Admins' list: a practice's failed deliveries, newest failure first.
    index('email_deliveries_failed_idx').on(table.practiceId, table.status, table.failedAt, table.id),
  ],
);
