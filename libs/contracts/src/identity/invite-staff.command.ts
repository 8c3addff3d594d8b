import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { Email, PersonName, StaffRole } from './identity.types';

export const InviteStaffBody = z.object({
  name: PersonName,
  email: Email,
  roles: z.array(StaffRole).min(1).max(2),
});

/**
 * Admin only. A single-use invitation that expires; `inviteUrl` is `{webOrigin}/invitations/{token}`.
 * Someone who already has an account accepts it with their password and gains the roles.
 */
export const InviteStaff = command('identity.staff.invite.v1', {
  payload: InviteStaffBody.extend({ actor: Actor }),
  reply: z.object({ id: Id, inviteUrl: z.url() }),
});
