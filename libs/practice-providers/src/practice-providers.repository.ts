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
   * Applies identity's word on what roles someone holds now (`identity.membership.changed`).
   * True when it means they have stopped being a provider, and nothing newer said otherwise: the
   * moment to take them off whatever they were assigned to.
   */
  async stoppedProviding(
    tx: Queryable,
    change: { practiceId: string; userId: string; roles: readonly string[]; occurredAt: string },
  ): Promise<boolean> {
    const isProvider = change.roles.includes('provider');
    const applied = await this.recordProvider(
      tx,
      change.practiceId,
      change.userId,
      isProvider,
      new Date(change.occurredAt),
    );
    return applied && !isProvider;
  }

  /**
   * Records whether someone is a provider as of an event's time; an event older than what is
   * recorded changes nothing (answers false).
   */
  private async recordProvider(
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
