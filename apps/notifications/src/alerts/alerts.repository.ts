import { and, desc, eq, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { alerts } from './alerts.schema';

export type AlertRow = typeof alerts.$inferSelect;
export interface AlertKey {
  readonly createdAt: string;
  readonly id: string;
}
export interface AlertOwner {
  readonly userId: string;
  readonly practiceId: string;
}

/** SQL for alerts. */
export class AlertsRepository {
  async insert(tx: Queryable, row: AlertRow): Promise<void> {
    await tx.insert(alerts).values(row);
  }

  /** A page of the owner's alerts, newest first, `limit + 1` rows to tell whether there is more. */
  async page(
    db: Queryable,
    owner: AlertOwner,
    limit: number,
    after: AlertKey | undefined,
  ): Promise<AlertRow[]> {
    const conditions: SQL[] = [eq(alerts.userId, owner.userId), eq(alerts.practiceId, owner.practiceId)];
    if (after) {
      const createdAt = new Date(after.createdAt);
      conditions.push(
        or(lt(alerts.createdAt, createdAt), and(eq(alerts.createdAt, createdAt), lt(alerts.id, after.id)))!,
      );
    }
    return db
      .select()
      .from(alerts)
      .where(and(...conditions))
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(limit + 1);
  }

  /** Sets `readAt` if still unread; whether the owner has such an alert at all. */
  async markRead(db: Queryable, owner: AlertOwner, alertId: string, at: Date): Promise<boolean> {
    const owned = and(
      eq(alerts.id, alertId),
      eq(alerts.userId, owner.userId),
      eq(alerts.practiceId, owner.practiceId),
    );
    const updated = await db
      .update(alerts)
      .set({ readAt: at })
      .where(and(owned, isNull(alerts.readAt)))
      .returning({ id: alerts.id });
    if (updated.length === 1) return true;
    const [existing] = await db.select({ id: alerts.id }).from(alerts).where(owned);
    return existing !== undefined;
  }
}
