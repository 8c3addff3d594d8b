import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import { ArborError, type Actor, type Role, type SessionActor } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { sessionState } from '../sessions/session';
import { SessionsRepository, type SessionRow } from '../sessions/sessions.repository';
import { UsersRepository, type MembershipRow } from './users.repository';

/**
 * Re-checks, with identity's own data, what the gateway already checked from the access token:
 * a token lives up to its TTL after a role was taken away or a session ended, and the service
 * must not take its word for what changed since.
 */
@Injectable()
export class AccessService {
  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
  ) {}

  /**
   * The actor acts as one of `allowed` and still holds that role in the practice they act in
   * (`forbidden` otherwise). Answers their membership.
   */
  async requireRole(q: Queryable, actor: Actor, allowed: readonly Role[]): Promise<MembershipRow> {
    requireRole(actor, allowed);
    const membership = await this.users.findMembership(q, actor.userId, actor.practiceId);
    if (!membership?.roles.includes(actor.role)) {
      throw new ArborError('forbidden', `you no longer hold the ${actor.role} role in this practice`);
    }
    return membership;
  }

  /** The session of the access token is still open (`unauthenticated` otherwise). */
  async requireLiveSession(q: Queryable, actor: SessionActor): Promise<SessionRow> {
    const session = await this.sessions.findSession(q, actor.sessionId);
    const policy = { idleMs: this.config.sessionIdleMs, absoluteMs: this.config.sessionAbsoluteMs };
    if (
      !session ||
      session.userId !== actor.userId ||
      sessionState(session, this.clock.now(), policy) !== 'live'
    ) {
      throw new ArborError('unauthenticated', 'the session has ended: sign in again');
    }
    return session;
  }
}
