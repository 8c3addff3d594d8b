import { Injectable } from '@nestjs/common';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { practices } from '../practices/practices.schema';
import type { HeldMembership } from './membership';
import { memberships, recoveryCodes, users } from './users.schema';

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;

export interface StaffRow {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: Role[];
}

/** People, their memberships and their MFA recovery codes. */
@Injectable()
export class UsersRepository {
  async findByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
    const [row] = await q.select().from(users).where(eq(users.email, email));
    return row;
  }

  async findById(
    q: Queryable,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<UserRow | undefined> {
    const query = q.select().from(users).where(eq(users.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  }

  async insert(q: Queryable, row: typeof users.$inferInsert): Promise<void> {
    await q.insert(users).values(row);
  }

  async setPasswordHash(q: Queryable, id: string, passwordHash: string, now: Date): Promise<void> {
    await q.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id));
  }

  /** A new, not yet confirmed TOTP secret (sealed). */
  async setPendingMfaSecret(q: Queryable, id: string, sealedSecret: string, now: Date): Promise<void> {
    await q
      .update(users)
      .set({ mfaSecret: sealedSecret, mfaEnabled: false, mfaLastTimeStep: null, updatedAt: now })
      .where(eq(users.id, id));
  }

  async enableMfa(q: Queryable, id: string, timeStep: number, now: Date): Promise<void> {
    await q
      .update(users)
      .set({ mfaEnabled: true, mfaLastTimeStep: timeStep, updatedAt: now })
      .where(eq(users.id, id));
  }

  /**
   * Records a TOTP time step as used; false when it (or a later one) already was: two logins
   * racing with the same code cannot both pass.
   */
  async claimTimeStep(q: Queryable, id: string, timeStep: number): Promise<boolean> {
    const claimed = await q
      .update(users)
      .set({ mfaLastTimeStep: timeStep })
      .where(and(eq(users.id, id), or(isNull(users.mfaLastTimeStep), lt(users.mfaLastTimeStep, timeStep))))
      .returning({ id: users.id });
    return claimed.length === 1;
  }

  /** Every practice the person belongs to, the one joined first first. */
  async membershipsOf(q: Queryable, userId: string): Promise<HeldMembership[]> {
    return q
      .select({
        practiceId: memberships.practiceId,
        practiceName: practices.name,
        requireMfa: practices.requireMfa,
        roles: memberships.roles,
        clientId: memberships.clientId,
        createdAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(practices, eq(practices.id, memberships.practiceId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.createdAt), asc(memberships.practiceId));
  }

  async findMembership(q: Queryable, userId: string, practiceId: string): Promise<MembershipRow | undefined> {
    const [row] = await q
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.practiceId, practiceId)));
    return row;
  }

  /**
   * Locks every membership of a practice for the rest of the transaction: role changes in one
   * practice run one at a time, so two Admins cannot demote each other at once and leave none.
   */
  async lockPracticeMemberships(q: Queryable, practiceId: string): Promise<MembershipRow[]> {
    return q.select().from(memberships).where(eq(memberships.practiceId, practiceId)).for('update');
  }

  async insertMembership(q: Queryable, row: typeof memberships.$inferInsert): Promise<void> {
    await q.insert(memberships).values(row);
  }

  async updateMembership(
    q: Queryable,
    userId: string,
    practiceId: string,
    change: { roles: Role[]; clientId: string | null },
  ): Promise<void> {
    await q
      .update(memberships)
      .set(change)
      .where(and(eq(memberships.userId, userId), eq(memberships.practiceId, practiceId)));
  }

  async deleteMembership(q: Queryable, userId: string, practiceId: string): Promise<void> {
    await q
      .delete(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.practiceId, practiceId)));
  }

  /** People holding a staff role in the practice, by name. */
  /**
   * A page of the practice's staff by name (then id), after the staff member `afterUserId` (a
   * keyset: stable while people join or leave). The anchor is looked up among this practice's
   * members only, so a cursor naming someone elsewhere tells nothing about them.
   */
  async staffOf(
    q: Queryable,
    practiceId: string,
    page: { limit: number; afterUserId?: string } = { limit: 1000 },
  ): Promise<StaffRow[]> {
    const after =
      page.afterUserId === undefined
        ? undefined
        : sql`(${users.name}, ${users.id}) > (
            SELECT u.name, u.id FROM users u
            JOIN memberships m ON m.user_id = u.id AND m.practice_id = ${practiceId}
            WHERE u.id = ${page.afterUserId})`;
    return q
      .select({ userId: users.id, name: users.name, email: users.email, roles: memberships.roles })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.practiceId, practiceId),
          sql`${memberships.roles} && ARRAY['admin', 'provider']::text[]`,
          after,
        ),
      )
      .orderBy(asc(users.name), asc(users.id))
      .limit(page.limit);
  }

  async replaceRecoveryCodes(
    q: Queryable,
    userId: string,
    codes: { id: string; codeHash: string }[],
    now: Date,
  ): Promise<void> {
    await q.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await q.insert(recoveryCodes).values(codes.map((code) => ({ ...code, userId, createdAt: now })));
  }

  async unusedRecoveryCodes(q: Queryable, userId: string): Promise<{ id: string; codeHash: string }[]> {
    return q
      .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  }

  /** Spends a recovery code; false when it was spent meanwhile (each works once). */
  async spendRecoveryCode(q: Queryable, id: string, now: Date): Promise<boolean> {
    const spent = await q
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.id, id), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return spent.length === 1;
  }
}
