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

/**
 * Who is a provider of which practice, as identity last said (membership events). A row stays
 * when someone stops being a provider, with `isProvider` false: `asOf` lets an older event that
 * arrives late be recognised and ignored.
 */
export const practiceProviders = pgTable(
  'practice_providers',
  {
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    isProvider: boolean('is_provider').notNull(),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.userId] })],
);
