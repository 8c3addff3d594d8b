import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  ArborError,
  MembershipChanged,
  PracticeCreated,
  UserEmailSet,
  type Actor,
  type CreatePracticeBody,
  type RequestOrigin,
  type Role,
} from '@arbor/contracts';
import { isUniqueViolation, type Database } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { PasswordsService } from '../passwords/passwords.service';
import { AccessService } from '../users/access.service';
import { UsersRepository } from '../users/users.repository';
import { PracticesRepository } from './practices.repository';

/** The first Admin is also a Provider: in a small practice the owner sees clients too. */
const FOUNDER_ROLES: Role[] = ['admin', 'provider'];

const emailTaken = () =>
  new ArborError('conflict', 'an account with this email already exists: sign in and ask to be invited', {
    field: 'admin.email',
  });

@Injectable()
export class PracticesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly practices: PracticesRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly access: AccessService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {}

  /** Sign-up: a practice, its first Admin, and the events that tell the other services. */
  async create(body: CreatePracticeBody, origin: RequestOrigin) {
    const { admin } = body;
    this.passwords.assertAcceptable(admin.password, 'admin.password', { email: admin.email });
    if (await this.users.findByEmail(this.db, admin.email)) throw emailTaken();
    const passwordHash = await this.passwords.hash(admin.password);
    const now = this.clock.now();
    const practiceId = uuidv7();
    const userId = uuidv7();
    const actor: Actor = { userId, practiceId, role: 'admin' };
    try {
      await this.db.transaction(async (tx) => {
        await this.practices.insert(tx, { id: practiceId, name: body.practiceName, createdAt: now });
        await this.users.insert(tx, {
          id: userId,
          email: admin.email,
          name: admin.name,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        await this.users.insertMembership(tx, {
          userId,
          practiceId,
          roles: FOUNDER_ROLES,
          clientId: null,
          createdAt: now,
        });
        await this.audit.record(tx, {
          action: 'practice.created',
          occurredAt: now,
          actorUserId: userId,
          practiceId,
          subject: `practice:${practiceId}`,
          origin,
          details: { roles: FOUNDER_ROLES },
        });
        const meta = { practiceId, actor };
        await emitEvent(
          tx,
          PracticeCreated,
          { practiceId, name: body.practiceName, adminUserId: userId },
          meta,
        );
        await emitEvent(
          tx,
          MembershipChanged,
          { practiceId, userId, roles: FOUNDER_ROLES, clientId: null },
          meta,
        );
        await emitEvent(tx, UserEmailSet, { userId, email: admin.email }, meta);
      });
    } catch (error) {
      // The same email signing up twice at once: the unique index decides.
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
    return {
      practice: { id: practiceId, name: body.practiceName },
      user: { id: userId, email: admin.email },
    };
  }

  async updateSecurity(actor: Actor, requireMfa: boolean): Promise<{ requireMfa: boolean }> {
    await this.access.requireRole(this.db, actor, ['admin']);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.practices.setRequireMfa(tx, actor.practiceId, requireMfa);
      await this.audit.record(tx, {
        action: 'practice.security_updated',
        occurredAt: now,
        actorUserId: actor.userId,
        practiceId: actor.practiceId,
        subject: `practice:${actor.practiceId}`,
        details: { requireMfa },
      });
    });
    return { requireMfa };
  }
}
