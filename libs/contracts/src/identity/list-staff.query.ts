import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { StaffRole } from './identity.types';

export const StaffMember = z.object({
  userId: Id,
  name: z.string(),
  email: z.string(),
  roles: z.array(StaffRole),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** Staff are listed by name; a cursor holds the id of the last one shown (never their name). */
export const StaffCursor = cursorCodec('identity.staff', z.strictObject({ userId: Id }));
export const ListStaffQuery = pageQuery(StaffCursor);
export const StaffPage = Page(StaffMember);

/** Admins and providers see the practice's staff, a page at a time. */
export const ListStaff = query('identity.staff.list.v1', {
  payload: pageRequest(StaffCursor).extend({ actor: Actor }),
  reply: StaffPage,
});
