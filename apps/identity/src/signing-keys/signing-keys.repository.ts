import { Injectable } from '@nestjs/common';
import { asc, desc, isNull, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '@arbor/database';
import { signingKeys } from './signing-keys.schema';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** Any constant works; it only has to be the same for every replica of identity. */
const KEY_CREATION_LOCK = 0x49444b59; // "IDKY"

@Injectable()
export class SigningKeysRepository {
  /**
   * Serialises key creation across replicas for the rest of the transaction: two replicas
   * starting at once on an empty table make one key, not two.
   */
  async lockKeyCreation(tx: Transaction): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${KEY_CREATION_LOCK})`);
  }

  /** The key that signs: the newest one not retired. */
  async newestActive(q: Queryable): Promise<SigningKeyRow | undefined> {
    const [row] = await q
      .select()
      .from(signingKeys)
      .where(isNull(signingKeys.retiredAt))
      .orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid))
      .limit(1);
    return row;
  }

  /** Every key a token in circulation may be signed with. */
  async published(q: Queryable): Promise<SigningKeyRow[]> {
    return q
      .select()
      .from(signingKeys)
      .where(isNull(signingKeys.retiredAt))
      .orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
  }

  async insert(q: Queryable, row: typeof signingKeys.$inferInsert): Promise<void> {
    await q.insert(signingKeys).values(row);
  }
}
