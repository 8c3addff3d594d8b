import { Injectable } from '@nestjs/common';
import { and, eq, isNull } from 'drizzle-orm';
import { SessionEnded, type AnyActor, type Role } from '@arbor/contracts';
import type { Queryable, Transaction } from '@arbor/database';
import { emitEvent } from '@arbor/messaging';
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

  /**
   * Ends one session and every refresh token of its family, and says so on the bus in the same
   * transaction (an open alert stream of the session ends with it); ending an ended one changes
   * and says nothing.
   */
  async revokeSession(
    tx: Transaction,
    id: string,
    reason: RevokeReason,
    now: Date,
    actor: AnyActor,
  ): Promise<boolean> {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: reason })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .returning(ENDED);
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.sessionId, id), isNull(refreshTokens.revokedAt)));
    await announceEnded(tx, revoked, reason, actor);
    return revoked.length === 1;
  }

  /** Ends every session of a person, one event each; answers how many were still open. */
  async revokeSessionsOfUser(
    tx: Transaction,
    userId: string,
    reason: RevokeReason,
    now: Date,
    actor: AnyActor,
  ): Promise<number> {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: reason })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning(ENDED);
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
    await announceEnded(tx, revoked, reason, actor);
    return revoked.length;
  }
}

const ENDED = { id: sessions.id, userId: sessions.userId, practiceId: sessions.practiceId };

/**
 * Here rather than in each service, so no way of ending a session can forget it: these two
 * methods are the only writers of `revoked_at`.
 */
async function announceEnded(
  tx: Transaction,
  ended: ReadonlyArray<{ id: string; userId: string; practiceId: string }>,
  reason: RevokeReason,
  actor: AnyActor,
): Promise<void> {
  for (const session of ended) {
    await emitEvent(
      tx,
      SessionEnded,
      { sessionId: session.id, userId: session.userId, practiceId: session.practiceId, reason },
      { practiceId: session.practiceId, actor },
    );
  }
}
