import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** One row per practice that has set its sales tax; the settings are validated whenever read. */
export const salesTaxSettings = pgTable('sales_tax_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull(),
});
