// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Where each person's email goes, as identity last said (identity.user.email-set; `asOf` ignores
 * an older one arriving late). A person with no row here gets their alerts in-app only.
 */
export const recipientAddresses = pgTable('recipient_addresses', {
  userId: uuid('user_id').primaryKey(),
  address: text('address').notNull(),
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * One email, about one alert (`alertId`, `userId`) or one invitation (`invitationId`: the
 * invitee has no account yet, so no user id): what is sent is fixed when it is written (its text
 * holds no health or money details), and its delivery job moves it from `pending` to `sent`, or
 * to `failed` after its last try, with the mail server's last answer.
 */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id'),
    alertId: uuid('alert_id'),
    invitationId: uuid('invitation_id'),
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
    // One email per invitation, however often its event is delivered.
    uniqueIndex('email_deliveries_invitation_key').on(table.invitationId),
    // The Admins' list: a practice's failed deliveries, newest failure first.
    index('email_deliveries_failed_idx').on(table.practiceId, table.status, table.failedAt, table.id),
  ],
);
