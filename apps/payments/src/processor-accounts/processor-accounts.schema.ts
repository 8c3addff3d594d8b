import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * A practice's processor accounts. `credentials` is sealed (AES-256-GCM envelope, the account id
 * as associated data); `maskedCredentials` holds only what every read may show (`••••1234`).
 */
export const processorAccounts = pgTable(
  'processor_accounts',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').notNull(),
    description: text('description').notNull(),
    type: text('type').notNull(),
    credentials: text('credentials').notNull(),
    maskedCredentials: jsonb('masked_credentials').notNull(),
    active: boolean('active').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (table) => [
    index('processor_accounts_practice_idx').on(table.practiceId),
    // One active processor per practice, enforced by the database itself.
    uniqueIndex('processor_accounts_one_active_idx')
      .on(table.practiceId)
      .where(sql`${table.active}`),
  ],
);
