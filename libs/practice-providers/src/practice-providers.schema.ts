// Only drizzle imports: drizzle-kit loads this file on its own, from each mounting service's
// drizzle.config.ts, without path aliases.
import { boolean, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who is a provider of which practice, as identity last said (its membership events): the local
 * read model of every service that must check a provider id (assignments, who may bill). A row
 * stays when someone stops being a provider, with `isProvider` false: `asOf` lets an older event
 * that arrives late be recognised and ignored (docs/adr/0012).
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
