import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { StaffRole } from './identity.types';

export const StaffMember = z.object({
  userId: Id,
  name: z.string(),
  email: z.string(),
  roles: z.array(StaffRole),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** Admins and providers see the practice's staff. */
export const ListStaff = query('identity.staff.list.v1', {
  payload: z.object({ actor: Actor }),
  reply: z.object({ items: z.array(StaffMember), nextCursor: z.null() }),
});
