// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Each practice's Directory Listing service as service-enablement last said (`service.changed`):
 * whether it is on. `asOf` is that event's time, so an older event arriving late changes nothing
 * (docs/adr/0012).
 */
export const listingServices = pgTable('listing_services', {
  practiceId: uuid('practice_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});
