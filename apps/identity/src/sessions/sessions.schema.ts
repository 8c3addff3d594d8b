// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@arbor/contracts';
import { practices } from '../practices/practices.schema';
import { users } from '../users/users.schema';

/**
 * A signed-in session: one refresh-token family. It remembers the practice and role acting now,
 * so that a refresh after a role switch keeps the switched role.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    activeRole: text('active_role').notNull().$type<Role>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true, mode: 'date' }).notNull(),
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    revokeReason: text('revoke_reason'),
  },
  (table) => [
    index('sessions_user_idx').on(table.userId),
    check('sessions_active_role_known', sql`${table.activeRole} IN ('admin', 'provider', 'client')`),
  ],
);

/** Refresh tokens, stored as SHA-256 of the opaque token; each is spent by one rotation. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    replacedBy: uuid('replaced_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (table) => [
    uniqueIndex('refresh_tokens_token_hash_key').on(table.tokenHash),
    index('refresh_tokens_session_idx').on(table.sessionId),
  ],
);

/**
 * Failed-login counters, one row per key: `account:<sha256 of the email>` (whether or not an
 * account has that email, so a lock reveals nothing) and `ip:<address>`.
 */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});

/**
 * Devices a person has signed in from before (OWASP's "device cookie"): the browser keeps an
 * opaque token in an httpOnly cookie, the table its SHA-256. A sign-in that presents a device of
 * the account it names is judged on that device's own failures, not on the account's or the
 * address's lock, so a stranger guessing at the email cannot lock its owner out.
 */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [index('trusted_devices_user_idx').on(table.userId)],
);
