import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import type { RevokeReason } from './session';
import { refreshTokens, sessions } from './sessions.schema';

export type SessionRow = typeof sessions.$inferSelect;
export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

@Injectable()
export class SessionsRepository {
  async insertSession(q: Queryable, row: typeof sessions.$inferInsert): Promise<void> {
    await q.insert(sessions).values(row);
  }

  async insertRefreshToken(q: Queryable, row: typeof refreshTokens.$inferInsert): Promise<void> {
    await q.insert(refreshTokens).values(row);
  }

  async findSession(q: Queryable, id: string): Promise<SessionRow | undefined> {
    const [row] = await q.select().from(sessions).where(eq(sessions.id, id));
    return row;
  }

  /**
   * The token with this hash and its session, both locked for the rest of the transaction: two
   * refreshes of one family run one after the other, so the second sees the first's rotation.
   */
  async findTokenForUpdate(
    q: Queryable,
    tokenHash: string,
  ): Promise<{ token: RefreshTokenRow; session: SessionRow } | undefined> {
    const [row] = await q
      .select({ token: refreshTokens, session: sessions })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for('update');
    return row;
  }

  async markTokenUsed(q: Queryable, id: string, replacedBy: string, now: Date): Promise<void> {
    await q.update(refreshTokens).set({ usedAt: now, replacedBy }).where(eq(refreshTokens.id, id));
  }

  async touchSession(q: Queryable, id: string, now: Date): Promise<void> {
    await q.update(sessions).set({ lastActiveAt: now }).where(eq(sessions.id, id));
  }

  async setActing(q: Queryable, id: string, practiceId: string, activeRole: Role): Promise<void> {
    await q.update(sessions).set({ practiceId, activeRole }).where(eq(sessions.id, id));
  }

  /** Ends one session and every refresh token of its family; ending an ended one changes nothing. */
  async revokeSession(q: Queryable, id: string, reason: RevokeReason, now: Date): Promise<boolean> {
    const revoked = await q
      .update(sessions)
      .set({ revokedAt: now, revokeReason: reason })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await q
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.sessionId, id), isNull(refreshTokens.revokedAt)));
    return revoked.length === 1;
  }

  /** Ends every session of a person; answers how many were still open. */
  async revokeSessionsOfUser(q: Queryable, userId: string, reason: RevokeReason, now: Date): Promise<number> {
    const revoked = await q
      .update(sessions)
      .set({ revokedAt: now, revokeReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await q
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    return revoked.length;
  }
}
