import { z } from 'zod';
import { Email, InviteStaffBody, PersonName, StaffRole } from '@arbor/contracts';
import { filledIn } from '../form-fields';

export const ROLE_CHOICES: ReadonlyArray<{ value: StaffRole; label: string; description: string }> = [
  { value: 'admin', label: 'Admin', description: 'Sets up services, billing and staff' },
  { value: 'provider', label: 'Provider', description: 'Sees their clients and writes notes' },
];

/** Roles in one order whatever order they were ticked in, so a request says the same thing twice. */
export function inRoleOrder(roles: readonly StaffRole[]): StaffRole[] {
  return StaffRole.options.filter((role) => roles.includes(role));
}

/** The invitation as the contract takes it, each empty field saying what to do in plain words. */
export const InviteStaffForm = InviteStaffBody.extend({
  name: filledIn(PersonName, 'Enter their name'),
  email: filledIn(Email, 'Enter their email address'),
  roles: z
    .array(StaffRole)
    .refine((roles) => roles.length > 0, 'Choose at least one role')
    .pipe(InviteStaffBody.shape.roles),
});
