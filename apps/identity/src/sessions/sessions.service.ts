import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  type LoginBody,
  type RequestOrigin,
  type Role,
  type SessionActor,
  type SystemActor,
  type SessionTokens,
  type SessionView,
} from '@arbor/contracts';
import type { Database, Transaction } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { MfaService, type SecondFactor } from '../mfa/mfa.service';
import { hashOpaqueToken, newOpaqueToken } from '../opaque-token';
import { PasswordsService } from '../passwords/passwords.service';
import { SigningKeysService, type SignedAccessToken } from '../signing-keys/signing-keys.service';
import { AccessService } from '../users/access.service';
import {
  defaultActiveRole,
  membershipViews,
  mfaPending,
  primaryMembership,
  type HeldMembership,
} from '../users/membership';
import { UsersRepository, type UserRow } from '../users/users.repository';
import {
  accountThrottleKey,
  addressThrottleKey,
  lockRemainingMs,
  retryAfterSeconds,
  throttleKeysFor,
} from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import {
  absoluteExpiry,
  decideRefresh,
  looksLikeRefreshToken,
  newRefreshToken,
  type SessionPolicy,
} from './session';
import { SessionsRepository } from './sessions.repository';
import { TrustedDevicesRepository } from './trusted-devices.repository';

const WRONG_CREDENTIALS = 'email or password is wrong';

/** Who ends a session that its refresh refuses (a replayed token, a timeout): no person. */
const SESSIONS_ACTOR: SystemActor = { system: 'identity.sessions' };

const sessionEnded = () => new ArborError('unauthenticated', 'the session has ended: sign in again');

type FailureReason = 'bad_credentials' | 'mfa_failed';

/** The sign-in's account and address keys, and the counters this attempt is judged on. */
interface LoginThrottleKeys {
  readonly account: string;
  readonly address: string;
  readonly judgedOn: readonly string[];
}

/** Login, token refresh with rotation and theft detection, logout, and role switching. */
@Injectable()
export class SessionsService {
  private readonly policy: SessionPolicy;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly trustedDevices: TrustedDevicesRepository,
    private readonly passwords: PasswordsService,
    private readonly mfa: MfaService,
    private readonly signingKeys: SigningKeysService,
    private readonly access: AccessService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {
    this.policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  }

  /**
   * Email + password (+ a second factor when the account has MFA). Unknown email and wrong
   * password take the same path, the same time (one argon2 verification) and the same answer;
   * both count against the account key and the address key alike — unless the attempt comes
   * from a device this account has signed in from before, which is judged on its own failures.
   */
  async login(
    body: LoginBody,
    origin: RequestOrigin,
    deviceToken?: string,
  ): Promise<SessionView & { deviceToken: string }> {
    const now = this.clock.now();
    const user = await this.users.findByEmail(this.db, body.email);
    const device = deviceToken
      ? await this.trustedDevices.findUnexpired(this.db, hashOpaqueToken(deviceToken), now)
      : null;
    // A device token proves nothing about any account but the one that earned it.
    const trustedDevice = device && user && device.userId === user.id ? device : null;
    const account = accountThrottleKey(body.email);
    const address = addressThrottleKey(origin.ip);
    const keys: LoginThrottleKeys = {
      account,
      address,
      judgedOn: throttleKeysFor({ account, address }, trustedDevice?.tokenHash ?? null),
    };
    await this.refuseWhileLocked(keys, now, { userId: user?.id ?? null, origin });

    const passwordRight = await this.passwords.verify(user?.passwordHash, body.password);
    if (!user || !passwordRight) {
      await this.recordFailure(keys, now, { userId: user?.id ?? null, origin, reason: 'bad_credentials' });
      throw new ArborError('unauthenticated', WRONG_CREDENTIALS);
    }

    let secondFactor: SecondFactor | null = null;
    if (user.mfaEnabled) {
      if (!body.totp && !body.recoveryCode) {
        // The first step of a two-step form: the password was right, the code comes next. Not
        // counted as a failure, or every MFA login would spend one of the account's tries.
        throw new ArborError('unauthenticated', 'a code from your authenticator app is required', {
          mfa: 'required',
        });
      }
      secondFactor = await this.mfa.verifySecondFactor(user, body, now);
      if (!secondFactor) {
        await this.recordFailure(keys, now, { userId: user.id, origin, reason: 'mfa_failed' });
        throw new ArborError('unauthenticated', 'the code is wrong or was already used', { mfa: 'required' });
      }
    }

    const memberships = await this.users.membershipsOf(this.db, user.id);
    const primary = primaryMembership(memberships);
    if (!primary) {
      // Only someone who knows the password (and the code) gets this far: saying why is safe.
      throw new ArborError('forbidden', 'this account belongs to no practice any more');
    }
    const role = defaultActiveRole(primary.roles);
    const devicePeriodEnds = new Date(now.getTime() + this.config.trustedDeviceMs);
    const keptDeviceToken = trustedDevice && deviceToken ? deviceToken : newOpaqueToken('dv_');
    const opened = await this.db.transaction(async (tx) => {
      // The address key is left alone: an attacker with one account of their own must not be
      // able to reset their address's count by logging into it. Nor is the account's lock lifted
      // by a sign-in from a trusted device: the stranger still guessing stays locked out.
      for (const key of keys.judgedOn) if (key !== keys.address) await this.throttle.clear(tx, key);
      if (trustedDevice) {
        await this.trustedDevices.touch(tx, trustedDevice.tokenHash, now, devicePeriodEnds);
      } else {
        await this.trustedDevices.add(
          tx,
          { tokenHash: hashOpaqueToken(keptDeviceToken), userId: user.id },
          now,
          devicePeriodEnds,
        );
      }
      const session = await this.openSession(tx, user.id, primary.practiceId, role, now);
      if (secondFactor === 'recovery_code') {
        await this.audit.record(tx, {
          action: 'mfa.recovery_code_used',
          occurredAt: now,
          actorUserId: user.id,
          subject: `user:${user.id}`,
          origin,
        });
      }
      await this.audit.record(tx, {
        action: 'login.succeeded',
        occurredAt: now,
        actorUserId: user.id,
        practiceId: primary.practiceId,
        subject: `session:${session.sessionId}`,
        origin,
        details: { role, secondFactor },
      });
      return session;
    });
    if (this.passwords.needsRehash(user.passwordHash)) {
      await this.users.setPasswordHash(this.db, user.id, await this.passwords.hash(body.password), now);
    }
    const access = await this.sign(user, primary, opened.sessionId, role);
    return {
      ...access,
      refreshToken: opened.refreshToken,
      refreshExpiresAt: opened.absoluteExpiresAt.toISOString(),
      user: { id: user.id, name: user.name, email: user.email },
      memberships: membershipViews(memberships, { practiceId: primary.practiceId, role }),
      deviceToken: keptDeviceToken,
    };
  }

  /**
   * Spends the refresh token for a new one and a new access token. Whatever is refused answers
   * alike; a spent token coming back ends its whole session first.
   */
  async refresh(refreshToken: string, origin: RequestOrigin): Promise<SessionTokens> {
    if (!looksLikeRefreshToken(refreshToken)) throw sessionEnded();
    const now = this.clock.now();
    const rotated = await this.db.transaction(async (tx) => {
      const found = await this.sessions.findTokenForUpdate(tx, hashOpaqueToken(refreshToken));
      const decision = decideRefresh(
        found
          ? { usedAt: found.token.usedAt, revokedAt: found.token.revokedAt, session: found.session }
          : null,
        now,
        this.policy,
      );
      if (decision.outcome === 'refuse' || !found) return null;
      const { token, session } = found;
      if (decision.outcome === 'end_session') {
        await this.sessions.revokeSession(tx, session.id, decision.reason, now, SESSIONS_ACTOR);
        if (decision.reason === 'reuse_detected') {
          await this.audit.record(tx, {
            action: 'session.reuse_detected',
            occurredAt: now,
            actorUserId: session.userId,
            practiceId: session.practiceId,
            subject: `session:${session.id}`,
            origin,
            details: { tokenId: token.id },
          });
        }
        return null;
      }
      const memberships = await this.users.membershipsOf(tx, session.userId);
      const membership = memberships.find((m) => m.practiceId === session.practiceId);
      if (!membership) {
        // Removed from the practice the session acts in (role removal ends sessions already;
        // this covers a removal racing this refresh).
        await this.sessions.revokeSession(tx, session.id, 'roles_changed', now, SESSIONS_ACTOR);
        return null;
      }
      const role = membership.roles.includes(session.activeRole)
        ? session.activeRole
        : defaultActiveRole(membership.roles);
      if (role !== session.activeRole)
        await this.sessions.setActing(tx, session.id, session.practiceId, role);
      const next = newRefreshToken();
      const nextId = uuidv7();
      await this.sessions.insertRefreshToken(tx, {
        id: nextId,
        sessionId: session.id,
        userId: session.userId,
        tokenHash: hashOpaqueToken(next),
        createdAt: now,
      });
      await this.sessions.markTokenUsed(tx, token.id, nextId, now);
      await this.sessions.touchSession(tx, session.id, now);
      const user = await this.users.findById(tx, session.userId);
      if (!user) return null;
      return { user, membership, role, session, refreshToken: next };
    });
    if (!rotated) throw sessionEnded();
    const access = await this.sign(rotated.user, rotated.membership, rotated.session.id, rotated.role);
    return {
      ...access,
      refreshToken: rotated.refreshToken,
      refreshExpiresAt: rotated.session.absoluteExpiresAt.toISOString(),
    };
  }

  /** Ends the session of this refresh token. Unknown, spent or ended tokens are fine too. */
  async logout(refreshToken: string, origin: RequestOrigin): Promise<void> {
    if (!looksLikeRefreshToken(refreshToken)) return;
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const found = await this.sessions.findTokenForUpdate(tx, hashOpaqueToken(refreshToken));
      if (!found) return;
      const { session } = found;
      const ended = await this.sessions.revokeSession(tx, session.id, 'logout', now, {
        userId: session.userId,
        practiceId: session.practiceId,
        role: session.activeRole,
      });
      if (!ended) return;
      await this.audit.record(tx, {
        action: 'logout',
        occurredAt: now,
        actorUserId: found.session.userId,
        practiceId: found.session.practiceId,
        subject: `session:${found.session.id}`,
        origin,
      });
    });
  }

  /** A new access token, in the same session, acting as another role the person holds. */
  async switchRole(
    actor: SessionActor,
    target: { practiceId: string; role: Role },
    origin: RequestOrigin,
  ): Promise<SignedAccessToken & { activeRole: Role; practiceId: string }> {
    const now = this.clock.now();
    await this.access.requireLiveSession(this.db, actor);
    const memberships = await this.users.membershipsOf(this.db, actor.userId);
    const membership = memberships.find((m) => m.practiceId === target.practiceId);
    if (!membership?.roles.includes(target.role)) {
      throw new ArborError('forbidden', `you do not hold the ${target.role} role in that practice`, {
        role: target.role,
      });
    }
    const user = await this.users.findById(this.db, actor.userId);
    if (!user) throw sessionEnded();
    await this.db.transaction(async (tx) => {
      await this.sessions.setActing(tx, actor.sessionId, target.practiceId, target.role);
      await this.audit.record(tx, {
        action: 'session.role_switched',
        occurredAt: now,
        actorUserId: actor.userId,
        practiceId: target.practiceId,
        subject: `session:${actor.sessionId}`,
        origin,
        details: {
          from: { practiceId: actor.practiceId, role: actor.role },
          to: { practiceId: target.practiceId, role: target.role },
        },
      });
    });
    const access = await this.sign(user, membership, actor.sessionId, target.role);
    return { ...access, activeRole: target.role, practiceId: target.practiceId };
  }

  private async openSession(
    tx: Transaction,
    userId: string,
    practiceId: string,
    role: Role,
    now: Date,
  ): Promise<{ sessionId: string; refreshToken: string; absoluteExpiresAt: Date }> {
    const sessionId = uuidv7();
    const absoluteExpiresAt = absoluteExpiry(now, this.policy);
    await this.sessions.insertSession(tx, {
      id: sessionId,
      userId,
      practiceId,
      activeRole: role,
      createdAt: now,
      lastActiveAt: now,
      absoluteExpiresAt,
    });
    const refreshToken = newRefreshToken();
    await this.sessions.insertRefreshToken(tx, {
      id: uuidv7(),
      sessionId,
      userId,
      tokenHash: hashOpaqueToken(refreshToken),
      createdAt: now,
    });
    return { sessionId, refreshToken, absoluteExpiresAt };
  }

  private sign(user: UserRow, membership: HeldMembership, sessionId: string, role: Role) {
    return this.signingKeys.signAccessToken({
      userId: user.id,
      sessionId,
      practiceId: membership.practiceId,
      roles: membership.roles,
      role,
      mfaPending: mfaPending({
        practiceRequiresMfa: membership.requireMfa,
        mfaEnabled: user.mfaEnabled,
        role,
      }),
    });
  }

  /** Locked keys answer at once, before any password check: the lock is the same for everyone. */
  private async refuseWhileLocked(
    keys: LoginThrottleKeys,
    now: Date,
    who: { userId: string | null; origin: RequestOrigin },
  ): Promise<void> {
    const state = await this.throttle.read(this.db, [...keys.judgedOn]);
    const remainingMs = Math.max(
      0,
      ...keys.judgedOn.map((key) => lockRemainingMs(state.get(key) ?? null, now)),
    );
    if (remainingMs === 0) return;
    await this.audit.record(this.db, {
      action: 'login.failed',
      occurredAt: now,
      subject: who.userId ? `user:${who.userId}` : null,
      origin: who.origin,
      details: {
        reason: 'locked_out',
        accountKey: keys.account,
        trustedDevice: !keys.judgedOn.includes(keys.account),
      },
    });
    const retryAfter = retryAfterSeconds(remainingMs);
    throw new ArborError('rate_limited', `too many failed logins: try again in ${retryAfter} s`, {
      retryAfterSeconds: retryAfter,
    });
  }

  private async recordFailure(
    keys: LoginThrottleKeys,
    now: Date,
    what: { userId: string | null; origin: RequestOrigin; reason: FailureReason },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const key of keys.judgedOn) {
        const policy = key === keys.address ? this.config.addressThrottle : this.config.accountThrottle;
        await this.throttle.recordFailure(tx, key, now, policy);
      }
      await this.audit.record(tx, {
        action: 'login.failed',
        occurredAt: now,
        // Not the actor (nobody signed in): what the attempt was against, when it was an account.
        subject: what.userId ? `user:${what.userId}` : null,
        origin: what.origin,
        details: {
          reason: what.reason,
          accountKey: keys.account,
          trustedDevice: !keys.judgedOn.includes(keys.account),
        },
      });
    });
  }
}
