import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { StaffRole } from './identity.types';

export const UpdateStaffRolesBody = z.object({ roles: z.array(StaffRole).max(2) });

/**
 * Admin only. Sets a staff member's roles; an empty list removes them from the practice. A role
 * taken away revokes their sessions. The last Admin cannot remove their own Admin role (`conflict`).
 */
export const UpdateStaffRoles = command('identity.staff.update-roles.v1', {
  payload: UpdateStaffRolesBody.extend({ actor: Actor, userId: Id }),
  reply: z.object({ userId: Id, roles: z.array(StaffRole) }),
});
