import type { Membership, Role, StaffRole } from '@arbor/contracts';

/** The order roles are stored and shown in, whatever order they were given in. */
const ROLE_ORDER: readonly Role[] = ['admin', 'provider', 'client'];
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'provider'];

export function isStaffRole(role: Role): role is StaffRole {
  return role === 'admin' || role === 'provider';
}

/** De-duplicated, in the canonical order. */
export function canonicalRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((role) => roles.includes(role));
}

export function staffRolesOf(roles: readonly Role[]): StaffRole[] {
  return canonicalRoles(roles).filter(isStaffRole);
}

/**
 * The role a session acts as when nobody chose one: Provider if held (the day-to-day work),
 * else Admin, else Client.
 */
export function defaultActiveRole(roles: readonly Role[]): Role {
  if (roles.includes('provider')) return 'provider';
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('client')) return 'client';
  throw new Error('a membership holds at least one role');
}

export interface HeldMembership {
  readonly practiceId: string;
  readonly practiceName: string;
  readonly requireMfa: boolean;
  readonly roles: readonly Role[];
  readonly clientId: string | null;
  readonly createdAt: Date;
}

/** The practice a new session acts in: the one the person joined first. */
export function primaryMembership<M extends HeldMembership>(memberships: readonly M[]): M | undefined {
  return [...memberships].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.practiceId.localeCompare(b.practiceId),
  )[0];
}

/** Memberships as the API shows them: the active role where the session acts, the default elsewhere. */
export function membershipViews(
  memberships: readonly HeldMembership[],
  active: { practiceId: string; role: Role },
): Membership[] {
  return memberships.map((membership) => ({
    practiceId: membership.practiceId,
    practiceName: membership.practiceName,
    roles: canonicalRoles(membership.roles),
    activeRole:
      membership.practiceId === active.practiceId && membership.roles.includes(active.role)
        ? active.role
        : defaultActiveRole(membership.roles),
  }));
}

/**
 * A staff member's roles after an Admin sets their staff roles: the staff roles given, and the
 * Client role kept if they also hold it (staff changes never touch a portal account).
 */
export function withStaffRoles(current: readonly Role[], staffRoles: readonly StaffRole[]): Role[] {
  return canonicalRoles([...staffRoles, ...current.filter((role) => role === 'client')]);
}

/** Roles held before and not after: taking any away ends the person's sessions. */
export function removedRoles(before: readonly Role[], after: readonly Role[]): Role[] {
  return canonicalRoles(before.filter((role) => !after.includes(role)));
}

/** A practice always keeps an Admin: the change that would take away the last one is refused. */
export function removesLastAdmin(
  before: readonly Role[],
  after: readonly Role[],
  adminsInPractice: number,
): boolean {
  return before.includes('admin') && !after.includes('admin') && adminsInPractice <= 1;
}

/**
 * The access token of a staff member of a practice that requires MFA, who has not enrolled yet,
 * is good only for enrolling (the gateway enforces what `mfa_pending` allows).
 */
export function mfaPending(input: {
  practiceRequiresMfa: boolean;
  mfaEnabled: boolean;
  role: Role;
}): boolean {
  return input.practiceRequiresMfa && !input.mfaEnabled && isStaffRole(input.role);
}
