// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const practices = pgTable('practices', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** Every staff member must enrol in TOTP MFA before doing anything else. */
  requireMfa: boolean('require_mfa').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
