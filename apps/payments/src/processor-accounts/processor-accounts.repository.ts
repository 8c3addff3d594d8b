import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { ProcessorType } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import type { Credentials, ProcessorAccount } from './processor-account';
import { processorAccounts } from './processor-accounts.schema';

export class ProcessorAccountsRepository {
  /** Oldest first; a page after the account created at `after.createdAt` with id `after.id` (a keyset). */
  async list(
    db: Queryable,
    practiceId: string,
    page: { limit: number; after?: { createdAt: Date; id: string } } = { limit: 1000 },
  ): Promise<ProcessorAccount[]> {
    const rows = await db
      .select()
      .from(processorAccounts)
      .where(
        and(
          eq(processorAccounts.practiceId, practiceId),
          page.after &&
            sql`(${processorAccounts.createdAt}, ${processorAccounts.id}) > (${page.after.createdAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`,
        ),
      )
      .orderBy(asc(processorAccounts.createdAt), asc(processorAccounts.id))
      .limit(page.limit);
    return rows.map(toAccount);
  }

  /** Locked until the transaction ends: changes to one account apply one after the other. */
  async findForUpdate(tx: Queryable, practiceId: string, id: string): Promise<ProcessorAccount | undefined> {
    const [row] = await tx
      .select()
      .from(processorAccounts)
      .where(and(eq(processorAccounts.practiceId, practiceId), eq(processorAccounts.id, id)))
      .for('update');
    return row ? toAccount(row) : undefined;
  }

  async find(db: Queryable, practiceId: string, id: string): Promise<ProcessorAccount | undefined> {
    const [row] = await db
      .select()
      .from(processorAccounts)
      .where(and(eq(processorAccounts.practiceId, practiceId), eq(processorAccounts.id, id)));
    return row ? toAccount(row) : undefined;
  }

  /** The account new payments of the practice go to (at most one: a partial unique index). */
  async findActive(db: Queryable, practiceId: string): Promise<ProcessorAccount | undefined> {
    const [row] = await db
      .select()
      .from(processorAccounts)
      .where(and(eq(processorAccounts.practiceId, practiceId), eq(processorAccounts.active, true)));
    return row ? toAccount(row) : undefined;
  }

  async hasActive(tx: Queryable, practiceId: string): Promise<boolean> {
    const rows = await tx
      .select({ id: processorAccounts.id })
      .from(processorAccounts)
      .where(and(eq(processorAccounts.practiceId, practiceId), eq(processorAccounts.active, true)))
      .for('update');
    return rows.length > 0;
  }

  /**
   * Holds the practice's processor-account lock until the transaction ends (a transaction-level
   * advisory lock: there is no practice row in this database to lock instead).
   */
  async lockPractice(tx: Queryable, practiceId: string): Promise<void> {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`processor_accounts:${practiceId}`}, 0))`,
    );
  }

  async countForPractice(tx: Queryable, practiceId: string): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(processorAccounts)
      .where(eq(processorAccounts.practiceId, practiceId));
    return row?.n ?? 0;
  }

  async insert(tx: Queryable, account: ProcessorAccount): Promise<void> {
    await tx.insert(processorAccounts).values({
      id: account.id,
      practiceId: account.practiceId,
      description: account.description,
      type: account.type,
      credentials: account.sealedCredentials,
      maskedCredentials: account.maskedCredentials,
      active: account.active,
      createdAt: account.createdAt,
    });
  }

  async update(
    tx: Queryable,
    account: Pick<
      ProcessorAccount,
      'id' | 'description' | 'sealedCredentials' | 'maskedCredentials' | 'active'
    >,
    updatedAt: Date,
  ): Promise<void> {
    await tx
      .update(processorAccounts)
      .set({
        description: account.description,
        credentials: account.sealedCredentials,
        maskedCredentials: account.maskedCredentials,
        active: account.active,
        updatedAt,
      })
      .where(eq(processorAccounts.id, account.id));
  }

  /** Makes every other account of the practice inactive (before one becomes active). */
  async deactivateOthers(tx: Queryable, practiceId: string, id: string, updatedAt: Date): Promise<void> {
    await tx
      .update(processorAccounts)
      .set({ active: false, updatedAt })
      .where(
        and(
          eq(processorAccounts.practiceId, practiceId),
          ne(processorAccounts.id, id),
          eq(processorAccounts.active, true),
        ),
      );
  }

  async delete(tx: Queryable, practiceId: string, id: string): Promise<boolean> {
    const deleted = await tx
      .delete(processorAccounts)
      .where(and(eq(processorAccounts.practiceId, practiceId), eq(processorAccounts.id, id)))
      .returning({ id: processorAccounts.id });
    return deleted.length === 1;
  }

  /** Every account's id and sealed credentials, for key rotation. */
  async allSealed(db: Queryable): Promise<Array<{ id: string; sealedCredentials: string }>> {
    const rows = await db
      .select({ id: processorAccounts.id, sealed: processorAccounts.credentials })
      .from(processorAccounts);
    return rows.map((row) => ({ id: row.id, sealedCredentials: row.sealed }));
  }

  async replaceSealed(tx: Queryable, id: string, sealedCredentials: string): Promise<void> {
    await tx
      .update(processorAccounts)
      .set({ credentials: sealedCredentials })
      .where(eq(processorAccounts.id, id));
  }
}

function toAccount(row: typeof processorAccounts.$inferSelect): ProcessorAccount {
  return {
    id: row.id,
    practiceId: row.practiceId,
    description: row.description,
    type: ProcessorType.parse(row.type),
    sealedCredentials: row.credentials,
    maskedCredentials: row.maskedCredentials as Credentials,
    active: row.active,
    createdAt: row.createdAt,
  };
}
