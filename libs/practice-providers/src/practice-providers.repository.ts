import { Injectable } from '@nestjs/common';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { practiceProviders } from './practice-providers.schema';

@Injectable()
export class PracticeProvidersRepository {
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
