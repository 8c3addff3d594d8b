import { and, eq, inArray, sql } from 'drizzle-orm';
import { ServiceKey } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import type { PracticeServiceState } from './practice-service';
import { practiceProviders, practiceServices } from './practice-services.schema';

/** SQL for practice services and the local list of each practice's providers. */
export class PracticeServicesRepository {
  async list(db: Queryable, practiceId: string): Promise<PracticeServiceState[]> {
    const rows = await db.select().from(practiceServices).where(eq(practiceServices.practiceId, practiceId));
    return rows.map(toState);
  }

  /** The current setting, locked until the transaction ends so concurrent edits apply one after the other. */
  async findForUpdate(
    tx: Queryable,
    practiceId: string,
    key: ServiceKey,
  ): Promise<PracticeServiceState | undefined> {
    const [row] = await tx
      .select()
      .from(practiceServices)
      .where(and(eq(practiceServices.practiceId, practiceId), eq(practiceServices.key, key)))
      .for('update');
    return row ? toState(row) : undefined;
  }

  async save(
    tx: Queryable,
    practiceId: string,
    state: PracticeServiceState,
    updatedBy: string | null,
    updatedAt: Date,
  ): Promise<void> {
    const values = {
      practiceId,
      key: state.key,
      enabled: state.enabled,
      providerIds: [...state.providerIds],
      updatedAt,
      updatedBy,
    };
    await tx
      .insert(practiceServices)
      .values(values)
      .onConflictDoUpdate({
        target: [practiceServices.practiceId, practiceServices.key],
        set: {
          enabled: values.enabled,
          providerIds: values.providerIds,
          updatedAt: values.updatedAt,
          updatedBy,
        },
      });
  }

  /** The services of a practice that list this provider, locked for update. */
  async listingProvider(tx: Queryable, practiceId: string, userId: string): Promise<PracticeServiceState[]> {
    const rows = await tx
      .select()
      .from(practiceServices)
      .where(
        and(
          eq(practiceServices.practiceId, practiceId),
          sql`${userId}::uuid = ANY(${practiceServices.providerIds})`,
        ),
      )
      .for('update');
    return rows.map(toState);
  }

  /** Which of these people are providers of the practice now. */
  async currentProviders(
    db: Queryable,
    practiceId: string,
    userIds: readonly string[],
  ): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db
      .select({ userId: practiceProviders.userId })
      .from(practiceProviders)
      .where(
        and(
          eq(practiceProviders.practiceId, practiceId),
          eq(practiceProviders.isProvider, true),
          inArray(practiceProviders.userId, [...userIds]),
        ),
      );
    return new Set(rows.map((row) => row.userId));
  }

  /**
   * Records whether someone is a provider as of an event's time; an event older than what is
   * recorded changes nothing (answers false).
   */
  async recordProvider(
    tx: Queryable,
    practiceId: string,
    userId: string,
    isProvider: boolean,
    asOf: Date,
  ): Promise<boolean> {
    const written = await tx
      .insert(practiceProviders)
      .values({ practiceId, userId, isProvider, asOf })
      .onConflictDoUpdate({
        target: [practiceProviders.practiceId, practiceProviders.userId],
        set: { isProvider, asOf },
        setWhere: sql`${practiceProviders.asOf} < ${asOf.toISOString()}::timestamptz`,
      })
      .returning({ userId: practiceProviders.userId });
    return written.length === 1;
  }
}

function toState(row: typeof practiceServices.$inferSelect): PracticeServiceState {
  return { key: ServiceKey.parse(row.key), enabled: row.enabled, providerIds: row.providerIds };
}
