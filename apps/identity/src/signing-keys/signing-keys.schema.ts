// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PublicJwk } from '@arbor/contracts';

/**
 * Access-token signing keys (Ed25519). The newest unretired key signs; every unretired key is
 * published in the JWKS. The private JWK is sealed (libs/crypto) with the kid as associated data.
 */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull().$type<PublicJwk>(),
  privateJwk: text('private_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
});
