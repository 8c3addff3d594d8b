import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A practice's setting for one service; a service never touched has no row (disabled, nobody). */
export const practiceServices = pgTable(
  'practice_services',
  {
    practiceId: uuid('practice_id').notNull(),
    key: text('key').notNull(),
    enabled: boolean('enabled').notNull(),
    providerIds: uuid('provider_ids').array().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.key] })],
);
