import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  MembershipChanged,
  UserEmailSet,
  UserInvited,
  UserInvitedV2,
  type Actor,
  type RequestOrigin,
  type Role,
} from '@arbor/contracts';
import { isUniqueViolation, type Database, type Transaction } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { hashOpaqueToken } from '../opaque-token';
import { PasswordsService } from '../passwords/passwords.service';
import { accountThrottleKey, lockRemainingMs, retryAfterSeconds } from '../sessions/login-throttle';
import { LoginThrottleRepository } from '../sessions/login-throttle.repository';
import { AccessService } from '../users/access.service';
import { canonicalRoles, defaultActiveRole, isStaffRole } from '../users/membership';
import { UsersRepository } from '../users/users.repository';
import { PracticesRepository } from '../practices/practices.repository';
import { invitationUrl, invitationUsable, newInvitationToken } from './invitation';
import { InvitationsRepository } from './invitations.repository';

export interface NewInvitation {
  readonly email: string;
  readonly name: string;
  readonly roles: Role[];
  readonly clientId: string | null;
}

const noSuchInvitation = () =>
  new ArborError('not_found', 'this invitation does not exist, was already used, or has expired');

/** Invitations to join a practice, as staff or as a client with a portal account. */
@Injectable()
export class InvitationsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly invitations: InvitationsRepository,
    private readonly users: UsersRepository,
    private readonly practices: PracticesRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly passwords: PasswordsService,
    private readonly access: AccessService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {}

  /** Admins invite staff; someone already on the staff has their roles changed instead. */
  async inviteStaff(actor: Actor, invitation: Omit<NewInvitation, 'clientId'>) {
    await this.access.requireRole(this.db, actor, ['admin']);
    const membership = await this.membershipOfEmail(invitation.email, actor.practiceId);
    if (membership?.roles.some(isStaffRole)) {
      throw new ArborError('conflict', 'this person is already on the staff: change their roles instead', {
        field: 'email',
      });
    }
    return this.create(actor, { ...invitation, roles: canonicalRoles(invitation.roles), clientId: null });
  }

  /** A client-portal account for a client record; admins and providers create clients. */
  async inviteClient(actor: Actor, invitation: { clientId: string; name: string; email: string }) {
    await this.access.requireRole(this.db, actor, ['admin', 'provider']);
    const membership = await this.membershipOfEmail(invitation.email, actor.practiceId);
    if (membership?.clientId) {
      throw new ArborError('conflict', 'this person already has a portal account in this practice', {
        field: 'email',
      });
    }
    return this.create(actor, { ...invitation, roles: ['client'] });
  }

  /**
   * Joins the practice with the invitation's roles. A new person sets their password (the
   * policy applies); someone with an account confirms with theirs (wrong guesses count against
   * the account's login lockout). The link works once.
   */
  async accept(
    token: string,
    password: string,
    origin: RequestOrigin,
  ): Promise<{ userId: string; practiceId: string }> {
    const now = this.clock.now();
    const tokenHash = hashOpaqueToken(token);
    const preview = await this.invitations.findByTokenHash(this.db, tokenHash);
    if (!preview || !invitationUsable(preview, now)) throw noSuchInvitation();

    const existing = await this.users.findByEmail(this.db, preview.email);
    let newPasswordHash: string | null = null;
    if (existing) {
      await this.confirmPassword(existing.id, existing.email, existing.passwordHash, password, now, origin);
    } else {
      this.passwords.assertAcceptable(password, 'password', { email: preview.email });
      newPasswordHash = await this.passwords.hash(password);
    }

    try {
      return await this.db.transaction(async (tx) => {
        const invitation = await this.invitations.findByTokenHash(tx, tokenHash, { forUpdate: true });
        if (!invitation || !invitationUsable(invitation, now)) throw noSuchInvitation();
        const userId = existing?.id ?? uuidv7();
        if (!existing) {
          await this.users.insert(tx, {
            id: userId,
            email: invitation.email,
            name: invitation.name,
            passwordHash: newPasswordHash!,
            createdAt: now,
            updatedAt: now,
          });
        }
        const current = await this.users.findMembership(tx, userId, invitation.practiceId);
        if (current?.clientId && invitation.clientId && current.clientId !== invitation.clientId) {
          throw new ArborError('conflict', 'this account is already linked to another client record here');
        }
        const roles = canonicalRoles([...(current?.roles ?? []), ...invitation.roles]);
        const clientId = invitation.clientId ?? current?.clientId ?? null;
        if (current) {
          await this.users.updateMembership(tx, userId, invitation.practiceId, { roles, clientId });
        } else {
          await this.users.insertMembership(tx, {
            userId,
            practiceId: invitation.practiceId,
            roles,
            clientId,
            createdAt: now,
          });
        }
        await this.invitations.markAccepted(tx, invitation.id, now);
        await this.audit.record(tx, {
          action: 'invitation.accepted',
          occurredAt: now,
          actorUserId: userId,
          practiceId: invitation.practiceId,
          subject: `invitation:${invitation.id}`,
          origin,
          details: { roles, newAccount: !existing },
        });
        await emitEvent(
          tx,
          MembershipChanged,
          { practiceId: invitation.practiceId, userId, roles, clientId },
          {
            practiceId: invitation.practiceId,
            actor: { userId, practiceId: invitation.practiceId, role: defaultActiveRole(roles) },
          },
        );
        // Also for someone who already had an account: it costs one message, and an address
        // that notifications missed (it started after this person signed up) is filled in.
        await emitEvent(
          tx,
          UserEmailSet,
          { userId, email: existing?.email ?? invitation.email },
          {
            practiceId: invitation.practiceId,
            actor: { userId, practiceId: invitation.practiceId, role: defaultActiveRole(roles) },
          },
        );
        return { userId, practiceId: invitation.practiceId };
      });
    } catch (error) {
      // Someone signed up with this email between the check above and this insert.
      if (isUniqueViolation(error)) {
        throw new ArborError('conflict', 'an account with this email was just created: accept again to join');
      }
      throw error;
    }
  }

  private async create(actor: Actor, invitation: NewInvitation): Promise<{ id: string; inviteUrl: string }> {
    const now = this.clock.now();
    const id = uuidv7();
    const token = newInvitationToken();
    const expiresAt = new Date(now.getTime() + this.config.invitationTtlMs);
    await this.db.transaction(async (tx) => {
      await this.invitations.insert(tx, {
        id,
        tokenHash: hashOpaqueToken(token),
        practiceId: actor.practiceId,
        email: invitation.email,
        name: invitation.name,
        roles: invitation.roles,
        clientId: invitation.clientId,
        invitedBy: actor.userId,
        expiresAt,
        createdAt: now,
      });
      await this.audit.record(tx, {
        action: 'invitation.created',
        occurredAt: now,
        actorUserId: actor.userId,
        practiceId: actor.practiceId,
        subject: `invitation:${id}`,
        details: { roles: invitation.roles, clientId: invitation.clientId },
      });
      const meta = { practiceId: actor.practiceId, actor };
      await emitEvent(
        tx,
        UserInvited,
        {
          practiceId: actor.practiceId,
          invitationId: id,
          roles: invitation.roles,
          clientId: invitation.clientId,
        },
        meta,
      );
      // v1 stays published beside v2 for its subscribers (contracts are never edited); it can
      // stop once none is left. v2 adds what the invitation's email needs.
      await emitEvent(
        tx,
        UserInvitedV2,
        {
          practiceId: actor.practiceId,
          practiceName: await this.practiceName(tx, actor.practiceId),
          invitationId: id,
          kind: invitation.clientId ? 'client_portal' : 'staff',
          roles: invitation.roles,
          clientId: invitation.clientId,
          invitee: { name: invitation.name, email: invitation.email },
          invitedBy: { userId: actor.userId, name: await this.personName(tx, actor.userId) },
          inviteUrl: invitationUrl(this.config.webOrigin, token),
          expiresAt: expiresAt.toISOString(),
        },
        meta,
      );
    });
    return { id, inviteUrl: invitationUrl(this.config.webOrigin, token) };
  }

  // The actor was checked to be a member of this practice: both exist, or identity is broken.
  private async practiceName(tx: Transaction, practiceId: string): Promise<string> {
    const practice = await this.practices.find(tx, practiceId);
    if (!practice) throw new Error(`identity: practice ${practiceId} of an inviting actor does not exist`);
    return practice.name;
  }

  private async personName(tx: Transaction, userId: string): Promise<string> {
    const user = await this.users.findById(tx, userId);
    if (!user) throw new Error(`identity: inviting user ${userId} does not exist`);
    return user.name;
  }

  private async membershipOfEmail(email: string, practiceId: string) {
    const user = await this.users.findByEmail(this.db, email);
    return user ? this.users.findMembership(this.db, user.id, practiceId) : undefined;
  }

  private async confirmPassword(
    userId: string,
    email: string,
    passwordHash: string,
    password: string,
    now: Date,
    origin: RequestOrigin,
  ): Promise<void> {
    const accountKey = accountThrottleKey(email);
    const remainingMs = lockRemainingMs(
      (await this.throttle.read(this.db, [accountKey])).get(accountKey) ?? null,
      now,
    );
    if (remainingMs > 0) {
      const retryAfter = retryAfterSeconds(remainingMs);
      throw new ArborError('rate_limited', `too many wrong passwords: try again in ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
      });
    }
    if (await this.passwords.verify(passwordHash, password)) return;
    await this.db.transaction(async (tx) => {
      await this.throttle.recordFailure(tx, accountKey, now, this.config.accountThrottle);
      await this.audit.record(tx, {
        action: 'login.failed',
        occurredAt: now,
        subject: `user:${userId}`,
        origin,
        details: { reason: 'bad_credentials', during: 'invitation.accept', accountKey },
      });
    });
    throw new ArborError('unauthenticated', 'this email already has an account: enter its password to join', {
      field: 'password',
    });
  }
}
