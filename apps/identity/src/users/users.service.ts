import { Inject, Injectable } from '@nestjs/common';
import { ArborError, type MeView, type RequestOrigin, type SessionActor } from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { PasswordsService } from '../passwords/passwords.service';
import { lockRemainingMs, passwordChangeThrottleKey, retryAfterSeconds } from '../sessions/login-throttle';
import { LoginThrottleRepository } from '../sessions/login-throttle.repository';
import { SessionsRepository } from '../sessions/sessions.repository';
import { TrustedDevicesRepository } from '../sessions/trusted-devices.repository';
import { AccessService } from './access.service';
import { membershipViews } from './membership';
import { UsersRepository, type UserRow } from './users.repository';

/** What a signed-in person does with their own account. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly trustedDevices: TrustedDevicesRepository,
    private readonly passwords: PasswordsService,
    private readonly access: AccessService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {}

  async me(actor: SessionActor): Promise<MeView> {
    await this.access.requireLiveSession(this.db, actor);
    const user = await this.requireUser(actor.userId);
    const memberships = await this.users.membershipsOf(this.db, user.id);
    return {
      user: { id: user.id, name: user.name, email: user.email, mfaEnabled: user.mfaEnabled },
      memberships: membershipViews(memberships, { practiceId: actor.practiceId, role: actor.role }),
      activePracticeId: actor.practiceId,
      activeRole: actor.role,
    };
  }

  /**
   * Needs the current password (a stolen access token alone cannot take over the account; its
   * guesses are throttled per person, apart from sign-in, so a stranger's failed sign-ins never
   * stop the owner changing it). Ends every session of the person and forgets their devices.
   */
  async changePassword(
    actor: SessionActor,
    passwords: { currentPassword: string; newPassword: string },
    origin: RequestOrigin,
  ): Promise<void> {
    const now = this.clock.now();
    await this.access.requireLiveSession(this.db, actor);
    const user = await this.requireUser(actor.userId);
    const throttleKey = passwordChangeThrottleKey(user.id);
    const remainingMs = lockRemainingMs(
      (await this.throttle.read(this.db, [throttleKey])).get(throttleKey) ?? null,
      now,
    );
    if (remainingMs > 0) {
      const retryAfter = retryAfterSeconds(remainingMs);
      throw new ArborError('rate_limited', `too many wrong passwords: try again in ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
      });
    }
    if (!(await this.passwords.verify(user.passwordHash, passwords.currentPassword))) {
      await this.throttle.recordFailure(this.db, throttleKey, now, this.config.accountThrottle);
      throw ArborError.validation('the current password is wrong', [
        { path: 'currentPassword', message: 'is not your current password' },
      ]);
    }
    this.passwords.assertAcceptable(passwords.newPassword, 'newPassword', { email: user.email });
    if (passwords.newPassword === passwords.currentPassword) {
      throw ArborError.validation('the new password is the current one', [
        { path: 'newPassword', message: 'must differ from your current password' },
      ]);
    }
    const passwordHash = await this.passwords.hash(passwords.newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.setPasswordHash(tx, user.id, passwordHash, now);
      const ended = await this.sessions.revokeSessionsOfUser(tx, user.id, 'password_changed', now, {
        userId: actor.userId,
        practiceId: actor.practiceId,
        role: actor.role,
      });
      await this.trustedDevices.forgetAllOf(tx, user.id);
      await this.audit.record(tx, {
        action: 'password.changed',
        occurredAt: now,
        actorUserId: user.id,
        practiceId: actor.practiceId,
        subject: `user:${user.id}`,
        origin,
        details: { sessionsEnded: ended },
      });
    });
  }

  private async requireUser(id: string): Promise<UserRow> {
    const user = await this.users.findById(this.db, id);
    if (!user) throw new ArborError('unauthenticated', 'the session has ended: sign in again');
    return user;
  }
}
