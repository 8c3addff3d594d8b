import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '@arbor/database';
import { paymentAttempts, paymentClosedKeys, paymentRefunds } from './payments.schema';

export type AttemptRow = typeof paymentAttempts.$inferSelect;
export type RefundRow = typeof paymentRefunds.$inferSelect;

/** The statuses the processor's answer has not settled yet. */
export const UNSETTLED = ['STARTED', 'UNKNOWN'] as const;

export class PaymentAttemptsRepository {
  /** Inserts the attempt unless the caller's key was used; answers whether this call inserted it. */
  async insertIfNew(db: Queryable, attempt: typeof paymentAttempts.$inferInsert): Promise<boolean> {
    const inserted = await db
      .insert(paymentAttempts)
      .values(attempt)
      .onConflictDoNothing({ target: [paymentAttempts.practiceId, paymentAttempts.idempotencyKey] })
      .returning({ id: paymentAttempts.id });
    return inserted.length === 1;
  }

  async findByKey(
    db: Queryable,
    practiceId: string,
    idempotencyKey: string,
  ): Promise<AttemptRow | undefined> {
    const [row] = await db
      .select()
      .from(paymentAttempts)
      .where(
        and(eq(paymentAttempts.practiceId, practiceId), eq(paymentAttempts.idempotencyKey, idempotencyKey)),
      );
    return row;
  }

  /**
   * Until the transaction ends, nobody else starts or closes an attempt under this caller key
   * (a transaction-scoped advisory lock: nothing to clean up, and a hash collision only makes
   * two keys wait for each other).
   */
  async lockKey(tx: Transaction, practiceId: string, idempotencyKey: string): Promise<void> {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${practiceId}:${idempotencyKey}`}, 0))`,
    );
  }

  async keyClosed(db: Queryable, practiceId: string, idempotencyKey: string): Promise<boolean> {
    const rows = await db
      .select({ practiceId: paymentClosedKeys.practiceId })
      .from(paymentClosedKeys)
      .where(
        and(
          eq(paymentClosedKeys.practiceId, practiceId),
          eq(paymentClosedKeys.idempotencyKey, idempotencyKey),
        ),
      );
    return rows.length === 1;
  }

  async closeKey(db: Queryable, closed: typeof paymentClosedKeys.$inferInsert): Promise<void> {
    await db.insert(paymentClosedKeys).values(closed).onConflictDoNothing();
  }

  async find(db: Queryable, id: string): Promise<AttemptRow | undefined> {
    const [row] = await db.select().from(paymentAttempts).where(eq(paymentAttempts.id, id));
    return row;
  }

  /** Locked until the transaction ends: refunds of one payment apply one after the other. */
  async findForUpdate(db: Queryable, practiceId: string, id: string): Promise<AttemptRow | undefined> {
    const [row] = await db
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.practiceId, practiceId), eq(paymentAttempts.id, id)))
      .for('update');
    return row;
  }

  /**
   * Settles an attempt only if nobody settled it first (the request that charged, or another
   * recovery run): the one caller that gets the row back emits the event, so it is emitted once.
   */
  async settle(
    db: Queryable,
    id: string,
    changes: Pick<
      typeof paymentAttempts.$inferInsert,
      'status' | 'transactionId' | 'declineReason' | 'declineCode' | 'finishedAt'
    >,
  ): Promise<AttemptRow | undefined> {
    const [row] = await db
      .update(paymentAttempts)
      .set({ ...changes, replayToken: null, lastError: null })
      .where(and(eq(paymentAttempts.id, id), inArray(paymentAttempts.status, [...UNSETTLED])))
      .returning();
    return row;
  }

  /** Records that the outcome is still not known, and why; never overwrites a settled attempt. */
  async markUnknown(
    db: Queryable,
    id: string,
    unknown: {
      error: string;
      transactionId?: string | undefined;
      /** Set by recovery (it asked in vain); left as it was by the request that charged. */
      checkedAt?: Date;
    },
  ): Promise<void> {
    const { error, transactionId, checkedAt } = unknown;
    await db
      .update(paymentAttempts)
      .set({
        status: 'UNKNOWN',
        lastError: error.slice(0, 300),
        ...(checkedAt ? { recoveryCheckedAt: checkedAt } : {}),
        ...(transactionId ? { transactionId } : {}),
      })
      .where(and(eq(paymentAttempts.id, id), inArray(paymentAttempts.status, [...UNSETTLED])));
  }

  /**
   * UNKNOWN attempts, and STARTED ones begun before `startedBefore` (no request is still on them):
   * those never asked about first, then the least recently asked.
   */
  async unsettled(db: Queryable, startedBefore: Date, limit: number): Promise<AttemptRow[]> {
    return db
      .select()
      .from(paymentAttempts)
      .where(
        or(
          eq(paymentAttempts.status, 'UNKNOWN'),
          and(eq(paymentAttempts.status, 'STARTED'), lt(paymentAttempts.startedAt, startedBefore)),
        ),
      )
      .orderBy(sql`${paymentAttempts.recoveryCheckedAt} ASC NULLS FIRST`, asc(paymentAttempts.startedAt))
      .limit(limit);
  }

  async refundedTotal(db: Queryable, attemptId: string): Promise<number> {
    const [row] = await db
      .select({ total: sql<string>`coalesce(sum(${paymentRefunds.amount}), 0)` })
      .from(paymentRefunds)
      .where(eq(paymentRefunds.attemptId, attemptId));
    return Number(row?.total ?? 0);
  }

  async findRefundByKey(
    db: Queryable,
    practiceId: string,
    idempotencyKey: string,
  ): Promise<RefundRow | undefined> {
    const [row] = await db
      .select()
      .from(paymentRefunds)
      .where(
        and(eq(paymentRefunds.practiceId, practiceId), eq(paymentRefunds.idempotencyKey, idempotencyKey)),
      );
    return row;
  }

  async insertRefund(db: Queryable, refund: typeof paymentRefunds.$inferInsert): Promise<void> {
    await db.insert(paymentRefunds).values(refund);
  }
}
