import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { emailDeliveries, recipientAddresses } from './email.schema';

export type DeliveryRow = typeof emailDeliveries.$inferSelect;
export type DeliveryStatus = 'pending' | 'sent' | 'failed';
export interface FailedKey {
  readonly failedAt: string;
  readonly id: string;
}

/** SQL for email deliveries and the addresses they go to. */
export class EmailRepository {
  async addressOf(db: Queryable, userId: string): Promise<string | undefined> {
    const [row] = await db
      .select({ address: recipientAddresses.address })
      .from(recipientAddresses)
      .where(eq(recipientAddresses.userId, userId));
    return row?.address;
  }

  /** Applies identity's address of a person unless a later one is already recorded. */
  async setAddress(tx: Queryable, entry: { userId: string; address: string; asOf: Date }): Promise<void> {
    await tx
      .insert(recipientAddresses)
      .values(entry)
      .onConflictDoUpdate({
        target: recipientAddresses.userId,
        set: { address: entry.address, asOf: entry.asOf },
        setWhere: sql`${recipientAddresses.asOf} < ${entry.asOf.toISOString()}::timestamptz`,
      });
  }

  async insert(tx: Queryable, row: DeliveryRow): Promise<void> {
    await tx.insert(emailDeliveries).values(row);
  }

  /** False when this invitation already has its email (one per invitation). */
  async insertOncePerInvitation(tx: Queryable, row: DeliveryRow): Promise<boolean> {
    const inserted = await tx
      .insert(emailDeliveries)
      .values(row)
      .onConflictDoNothing({ target: emailDeliveries.invitationId })
      .returning({ id: emailDeliveries.id });
    return inserted.length > 0;
  }

  async get(db: Queryable, id: string): Promise<DeliveryRow | undefined> {
    const [row] = await db.select().from(emailDeliveries).where(eq(emailDeliveries.id, id));
    return row;
  }

  async pendingOfAlert(db: Queryable, alertId: string): Promise<DeliveryRow[]> {
    return db
      .select()
      .from(emailDeliveries)
      .where(and(eq(emailDeliveries.alertId, alertId), eq(emailDeliveries.status, 'pending')));
  }

  async markSent(db: Queryable, id: string, attempt: number, at: Date): Promise<void> {
    await db
      .update(emailDeliveries)
      .set({ status: 'sent', attempts: attempt, sentAt: at, lastError: null })
      .where(and(eq(emailDeliveries.id, id), eq(emailDeliveries.status, 'pending')));
  }

  /** Records a failed try; `failedAt` set means it was the last one. */
  async recordFailure(
    db: Queryable,
    id: string,
    failure: { attempt: number; error: string; failedAt: Date | null },
  ): Promise<void> {
    await db
      .update(emailDeliveries)
      .set({
        attempts: sql`GREATEST(${emailDeliveries.attempts}, ${failure.attempt})`,
        lastError: failure.error,
        ...(failure.failedAt ? { status: 'failed', failedAt: failure.failedAt } : {}),
      })
      .where(and(eq(emailDeliveries.id, id), eq(emailDeliveries.status, 'pending')));
  }

  /** A page of a practice's failed deliveries (alerts and invitations), newest failure first, `limit + 1` rows. */
  async failed(
    db: Queryable,
    practiceId: string,
    limit: number,
    after: FailedKey | undefined,
  ): Promise<DeliveryRow[]> {
    const conditions: SQL[] = [
      eq(emailDeliveries.practiceId, practiceId),
      eq(emailDeliveries.status, 'failed'),
    ];
    if (after) {
      const failedAt = new Date(after.failedAt);
      conditions.push(
        or(
          lt(emailDeliveries.failedAt, failedAt),
          and(eq(emailDeliveries.failedAt, failedAt), lt(emailDeliveries.id, after.id)),
        )!,
      );
    }
    return db
      .select()
      .from(emailDeliveries)
      .where(and(...conditions))
      .orderBy(desc(emailDeliveries.failedAt), desc(emailDeliveries.id))
      .limit(limit + 1);
  }
}
