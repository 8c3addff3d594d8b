import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ArborError, type SessionActor } from '@arbor/contracts';
import { openText, seal } from '@arbor/crypto';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { PasswordsService } from '../passwords/passwords.service';
import { AccessService } from '../users/access.service';
import { STAFF_ROLES } from '../users/membership';
import { UsersRepository, type UserRow } from '../users/users.repository';
import { newRecoveryCodes } from './recovery-code';
import { checkTotp, newTotpSecret, totpEnrolmentUrl } from './totp';

export type SecondFactor = 'totp' | 'recovery_code';

/** TOTP enrolment for staff, and the second step of their login. */
@Injectable()
export class MfaService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly access: AccessService,
    private readonly passwords: PasswordsService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {}

  /** A new secret, sealed at rest, that does nothing until a code from it is confirmed. */
  async startEnrolment(actor: SessionActor): Promise<{ secret: string; otpauthUrl: string }> {
    await this.access.requireLiveSession(this.db, actor);
    await this.access.requireRole(this.db, actor, STAFF_ROLES);
    const user = await this.requireUser(actor.userId);
    // A stolen access token must not swap the secret of an account that already has MFA.
    if (user.mfaEnabled) throw new ArborError('conflict', 'MFA is already enabled for this account');
    const secret = newTotpSecret();
    await this.users.setPendingMfaSecret(
      this.db,
      user.id,
      seal(this.config.keyEncryptionKeys, secret, user.id),
      this.clock.now(),
    );
    return { secret, otpauthUrl: totpEnrolmentUrl(secret, user.email) };
  }

  /** Turns MFA on with a code from the new secret; answers ten recovery codes, stored hashed. */
  async confirmEnrolment(actor: SessionActor, code: string): Promise<{ recoveryCodes: string[] }> {
    await this.access.requireLiveSession(this.db, actor);
    await this.access.requireRole(this.db, actor, STAFF_ROLES);
    const user = await this.requireUser(actor.userId);
    if (user.mfaEnabled) throw new ArborError('conflict', 'MFA is already enabled for this account');
    if (!user.mfaSecret) throw new ArborError('conflict', 'start MFA enrolment first');
    const now = this.clock.now();
    const check = await checkTotp(this.secretOf(user, user.mfaSecret), code, now, null);
    if (!check.valid) {
      throw ArborError.validation('the code is not right', [
        { path: 'code', message: 'is not the current code of your authenticator app' },
      ]);
    }
    const recoveryCodes = newRecoveryCodes();
    const hashed = await Promise.all(
      recoveryCodes.map(async (recoveryCode) => ({
        id: uuidv7(),
        codeHash: await this.passwords.hash(recoveryCode),
      })),
    );
    await this.db.transaction(async (tx) => {
      const current = await this.users.findById(tx, user.id, { forUpdate: true });
      // Two confirmations racing: the first wins, the second must not replace its codes.
      if (current?.mfaEnabled || current?.mfaSecret !== user.mfaSecret) {
        throw new ArborError('conflict', 'MFA enrolment changed meanwhile: start again');
      }
      await this.users.enableMfa(tx, user.id, check.timeStep, now);
      await this.users.replaceRecoveryCodes(tx, user.id, hashed, now);
      await this.audit.record(tx, {
        action: 'mfa.enrolled',
        occurredAt: now,
        actorUserId: user.id,
        practiceId: actor.practiceId,
        subject: `user:${user.id}`,
      });
    });
    return { recoveryCodes };
  }

  /**
   * The second step of a login: a TOTP code (each time step works once) or a recovery code
   * (each works once). Answers which one passed, or null.
   */
  async verifySecondFactor(
    user: UserRow,
    given: { totp?: string | undefined; recoveryCode?: string | undefined },
    now: Date,
  ): Promise<SecondFactor | null> {
    if (!user.mfaEnabled || !user.mfaSecret) return null;
    if (given.totp) {
      const check = await checkTotp(
        this.secretOf(user, user.mfaSecret),
        given.totp,
        now,
        user.mfaLastTimeStep,
      );
      return check.valid && (await this.users.claimTimeStep(this.db, user.id, check.timeStep))
        ? 'totp'
        : null;
    }
    if (given.recoveryCode) {
      for (const stored of await this.users.unusedRecoveryCodes(this.db, user.id)) {
        if (await this.passwords.verify(stored.codeHash, given.recoveryCode)) {
          return (await this.users.spendRecoveryCode(this.db, stored.id, now)) ? 'recovery_code' : null;
        }
      }
    }
    return null;
  }

  private secretOf(user: UserRow, sealed: string): string {
    return openText(this.config.keyEncryptionKeys, sealed, user.id);
  }

  private async requireUser(id: string): Promise<UserRow> {
    const user = await this.users.findById(this.db, id);
    if (!user) throw new ArborError('unauthenticated', 'the session has ended: sign in again');
    return user;
  }
}
