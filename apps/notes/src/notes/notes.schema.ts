// Imports stay relative or type-only: drizzle-kit loads this file on its own, without path aliases.
import { index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * The clients notes has heard of (client-records' events), who is assigned to each, and the head
 * of each client's hash chain. `revision` is client-records' per-client counter: an older event
 * arriving late changes nothing. The chain columns are notes' own, written under this row's lock
 * with every entry, so that two writes for one client cannot fork the chain.
 */
export const noteClients = pgTable('note_clients', {
  clientId: uuid('client_id').primaryKey(),
  practiceId: uuid('practice_id').notNull(),
  providerIds: uuid('provider_ids').array().notNull(),
  revision: integer('revision').notNull(),
  chainLength: integer('chain_length').notNull().default(0),
  chainHead: text('chain_head').notNull().default('0'.repeat(64)),
});

/**
 * Who holds which roles in a practice, and which client record a client's account is for, as
 * identity last said (membership events; `asOf` ignores an older one arriving late).
 */
export const practiceMembers = pgTable(
  'practice_members',
  {
    practiceId: uuid('practice_id').notNull(),
    userId: uuid('user_id').notNull(),
    roles: text('roles').array().notNull(),
    clientId: uuid('client_id'),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.userId] })],
);

/**
 * Permanent notes. The database refuses UPDATE, DELETE and TRUNCATE (a trigger migration); the
 * body is sealed (libs/crypto, the note id as associated data); `seq`, `prevHash` and `hash` are
 * the note's link in its client's chain (note-chain.ts).
 */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    type: text('type').notNull(),
    authorId: uuid('author_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    bodySealed: text('body_sealed').notNull(),
    seq: integer('seq').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    unique('notes_client_seq_unique').on(table.clientId, table.seq),
    index('notes_client_created_idx').on(table.clientId, table.createdAt, table.id),
  ],
);

/** Corrections beneath a note: permanent like notes, and links of the same client's chain. */
export const noteAddenda = pgTable(
  'note_addenda',
  {
    id: uuid('id').primaryKey(),
    noteId: uuid('note_id')
      .notNull()
      .references(() => notes.id),
    practiceId: uuid('practice_id').notNull(),
    clientId: uuid('client_id').notNull(),
    authorId: uuid('author_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    bodySealed: text('body_sealed').notNull(),
    seq: integer('seq').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    unique('note_addenda_client_seq_unique').on(table.clientId, table.seq),
    index('note_addenda_note_idx').on(table.noteId, table.createdAt),
  ],
);
