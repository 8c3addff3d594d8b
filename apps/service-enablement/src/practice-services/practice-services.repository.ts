import { and, eq, sql } from 'drizzle-orm';
import { ServiceKey } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import type { PracticeServiceState } from './practice-service';
import { practiceServices } from './practice-services.schema';

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
}

function toState(row: typeof practiceServices.$inferSelect): PracticeServiceState {
  return { key: ServiceKey.parse(row.key), enabled: row.enabled, providerIds: row.providerIds };
}
