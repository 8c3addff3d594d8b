// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@arbor/contracts';
import { practices } from '../practices/practices.schema';
import { users } from '../users/users.schema';

/** Single-use, expiring invitations; only the SHA-256 of the link's token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    roles: text('roles').array().notNull().$type<Role[]>(),
    /** The client record a client-portal invitation is for. */
    clientId: uuid('client_id'),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('invitations_token_hash_key').on(table.tokenHash),
    index('invitations_practice_idx').on(table.practiceId),
    check(
      'invitations_roles_known',
      sql`cardinality(${table.roles}) > 0 AND ${table.roles} <@ ARRAY['admin', 'provider', 'client']`,
    ),
  ],
);
