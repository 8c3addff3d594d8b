import { Inject, Injectable } from '@nestjs/common';
import {
  ArborError,
  MembershipChanged,
  PAGE_LIMIT_DEFAULT,
  pageOf,
  StaffCursor,
  type Page,
  type Actor,
  type StaffMember,
  type StaffRole,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE, emitEvent } from '@arbor/messaging';
import { AuditRepository } from '@arbor/audit';
import type { AuditAction } from '../audit/audit.types';
import { CLOCK, type Clock } from '@arbor/clock';
import { SessionsRepository } from '../sessions/sessions.repository';
import { AccessService } from '../users/access.service';
import { removedRoles, removesLastAdmin, staffRolesOf, withStaffRoles } from '../users/membership';
import { UsersRepository } from '../users/users.repository';

/** The practice's staff as Admins manage it. Invitations live in InvitationsService. */
@Injectable()
export class StaffService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditRepository<AuditAction>,
  ) {}

  async list(actor: Actor, page: { limit?: number; cursor?: string } = {}): Promise<Page<StaffMember>> {
    await this.access.requireRole(this.db, actor, ['admin', 'provider']);
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const afterUserId = page.cursor === undefined ? undefined : StaffCursor.decode(page.cursor)?.userId;
    // One more than the page: whether it exists says whether there is a next page.
    const staff = await this.users.staffOf(this.db, actor.practiceId, { limit: limit + 1, afterUserId });
    const members = staff.map((member) => ({ ...member, roles: staffRolesOf(member.roles) }));
    return pageOf(members, limit, StaffCursor, (member) => ({ userId: member.userId }));
  }

  /**
   * Sets a staff member's roles in the actor's practice; none removes them from the staff. Any
   * role taken away ends all their sessions, so no token keeps a role they lost for its TTL
   * beyond what the gateway's verification allows. A practice always keeps an Admin.
   */
  async updateRoles(actor: Actor, userId: string, staffRoles: StaffRole[]): Promise<StaffMember['roles']> {
    await this.access.requireRole(this.db, actor, ['admin']);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const members = await this.users.lockPracticeMemberships(tx, actor.practiceId);
      const target = members.find((member) => member.userId === userId);
      // Someone of another practice, or a client only, is no staff member of this one.
      if (!target || staffRolesOf(target.roles).length === 0) {
        throw new ArborError('not_found', 'no such staff member in this practice');
      }
      const before = target.roles;
      const after = withStaffRoles(before, staffRoles);
      const admins = members.filter((member) => member.roles.includes('admin')).length;
      if (removesLastAdmin(before, after, admins)) {
        throw new ArborError(
          'conflict',
          'a practice keeps at least one Admin: make someone else Admin first',
        );
      }
      const removed = removedRoles(before, after);
      if (removed.length === 0 && after.length === before.length) return staffRolesOf(after);

      if (after.length === 0) {
        await this.users.deleteMembership(tx, userId, actor.practiceId);
      } else {
        await this.users.updateMembership(tx, userId, actor.practiceId, {
          roles: after,
          clientId: target.clientId,
        });
      }
      const sessionsEnded =
        removed.length > 0
          ? await this.sessions.revokeSessionsOfUser(tx, userId, 'roles_changed', now, actor)
          : 0;
      await this.audit.record(tx, {
        action: 'membership.roles_changed',
        occurredAt: now,
        actorUserId: actor.userId,
        practiceId: actor.practiceId,
        subject: `user:${userId}`,
        details: { before, after, sessionsEnded },
      });
      await emitEvent(
        tx,
        MembershipChanged,
        {
          practiceId: actor.practiceId,
          userId,
          roles: after,
          clientId: after.length ? target.clientId : null,
        },
        { practiceId: actor.practiceId, actor },
      );
      return staffRolesOf(after);
    });
  }
}
