// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A provider's profile in one practice. `published` is whether it is in the public directory now
 * (listed, the practice's Directory Listing on, still a provider): kept here so that search reads
 * one indexed flag and every change of it is seen, and announced, in the transaction that makes it.
 * `searchDocument` is name, specialties and introduction, unaccented, written with every save.
 */
export const providerProfiles = pgTable(
  'provider_profiles',
  {
    practiceId: uuid('practice_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    displayName: text('display_name'),
    providerType: jsonb('provider_type'),
    providerTypeKey: text('provider_type_key'),
    introduction: text('introduction'),
    specialties: jsonb('specialties').notNull(),
    /** Every specialty lower-cased and unaccented: what the `specialty` filter matches. */
    specialtyTerms: text('specialty_terms').array().notNull(),
    education: jsonb('education').notNull(),
    licenses: jsonb('licenses').notNull(),
    languages: text('languages').array().notNull(),
    listed: boolean('listed').notNull(),
    slug: text('slug').unique(),
    published: boolean('published').notNull(),
    searchDocument: tsvector('search_document').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.practiceId, table.providerId] }),
    index('provider_profiles_search')
      .using('gin', table.searchDocument)
      .where(sql`${table.published}`),
    index('provider_profiles_specialties')
      .using('gin', table.specialtyTerms)
      .where(sql`${table.published}`),
    index('provider_profiles_languages')
      .using('gin', table.languages)
      .where(sql`${table.published}`),
    index('provider_profiles_published_slug')
      .on(table.slug)
      .where(sql`${table.published}`),
  ],
);

export const practiceProfiles = pgTable('practice_profiles', {
  practiceId: uuid('practice_id').primaryKey(),
  name: text('name'),
  description: text('description'),
  address: jsonb('address'),
  phone: text('phone'),
  website: text('website'),
  listed: boolean('listed').notNull(),
  slug: text('slug').unique(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Every slug ever given out, for a provider or a practice. A row is never deleted, so a slug is
 * never given to anyone else, even after its profile is gone (docs/adr/0023).
 */
export const slugs = pgTable(
  'slugs',
  {
    slug: text('slug').primaryKey(),
    kind: text('kind').notNull(),
    practiceId: uuid('practice_id').notNull(),
    providerId: uuid('provider_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [check('slugs_kind_known', sql`${table.kind} IN ('provider', 'practice')`)],
);
