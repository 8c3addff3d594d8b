// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Each practice's Client Billing service as service-enablement last said (`service.changed`):
 * whether it is on, and which providers it is assigned to. `asOf` is that event's time, so an older
 * event arriving late changes nothing (docs/adr/0012).
 */
export const billingServices = pgTable('billing_services', {
  practiceId: uuid('practice_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  providerIds: uuid('provider_ids').array().notNull(),
  asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * The clients invoicing has heard of (client-records' events): active or archived, the US state
 * of their address (the tax quote's input), and who is assigned to them. Every client event carries
 * the state and its `revision`; only some carry the providers, so those have their own revision
 * (0 until an event with providers arrives) and each half ignores an older event on its own.
 */
export const billingClients = pgTable(
  'billing_clients',
  {
    clientId: uuid('client_id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    status: text('status').notNull(),
    taxState: text('tax_state'),
    revision: integer('revision').notNull(),
    providerIds: uuid('provider_ids').array().notNull(),
    providersRevision: integer('providers_revision').notNull(),
  },
  (table) => [check('billing_clients_status_known', sql`${table.status} IN ('active', 'archived')`)],
);

/**
 * Which client record a person's portal account is for, per practice, as identity last said
 * (`membership.changed`; `asOf` ignores an older event arriving late). `clientId` is `null` when
 * the person no longer holds the Client role there.
 */
export const portalAccounts = pgTable(
  'portal_accounts',
  {
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    clientId: uuid('client_id'),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.userId] })],
);
