// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Role } from '@arbor/contracts';
import { practices } from '../practices/practices.schema';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    /** Trimmed and lower-cased (the contracts normalise every email on the way in). */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    /** The TOTP secret, sealed (libs/crypto) with the user id as associated data; set at enrolment start. */
    mfaSecret: text('mfa_secret'),
    mfaEnabled: boolean('mfa_enabled').notNull().default(false),
    /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
    mfaLastTimeStep: bigint('mfa_last_time_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_key').on(table.email)],
);

/** A person's roles in one practice; `clientId` links the Client role to a client record. */
export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    roles: text('roles').array().notNull().$type<Role[]>(),
    clientId: uuid('client_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.practiceId] }),
    index('memberships_practice_idx').on(table.practiceId),
    // A membership without a role is a removal: the row goes instead.
    check(
      'memberships_roles_known',
      sql`cardinality(${table.roles}) > 0 AND ${table.roles} <@ ARRAY['admin', 'provider', 'client']`,
    ),
    check('memberships_client_link', sql`(${table.clientId} IS NOT NULL) = ('client' = ANY(${table.roles}))`),
  ],
);

/** Single-use MFA recovery codes, argon2id-hashed (they carry ~51 bits: too few for a bare hash). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
);
