import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A practice's clients. The Info section (names, email, phone, date of birth, address) is one
 * sealed value (libs/crypto envelope, the client id as associated data); what the database can
 * search is keyed hashes of it (HMAC under the search key, never the plain values): the email's,
 * and a fixed number of name-prefix hashes per client.
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    status: text('status', { enum: ['active', 'archived'] }).notNull(),
    sealedInfo: text('sealed_info').notNull(),
    emailHash: text('email_hash').notNull(),
    nameHashes: text('name_hashes').array().notNull(),
    /** Which search key made the hashes, so a new key can be rolled out client by client. */
    searchKeyId: text('search_key_id').notNull(),
    /** Providers assigned, in the order they were assigned. */
    providerIds: uuid('provider_ids').array().notNull(),
    /** +1 on every change: orders this client's events for consumers. */
    revision: integer('revision').notNull(),
    invitedAt: timestamp('invited_at', { withTimezone: true, mode: 'date' }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    uniqueIndex('clients_practice_email_hash_idx').on(table.practiceId, table.emailHash),
    index('clients_practice_status_id_idx').on(table.practiceId, table.status, table.id),
    index('clients_name_hashes_idx').using('gin', table.nameHashes),
    index('clients_provider_ids_idx').using('gin', table.providerIds),
    index('clients_sealed_key_idx').on(sql`split_part(${table.sealedInfo}, '.', 2)`),
  ],
);
