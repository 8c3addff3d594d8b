import type { StaffMember } from '@arbor/contracts';

/** How a person is named on a note or a client's Info: "You", their name, or who they were. */
export function nameOf(userId: string, staff: readonly StaffMember[] | undefined, me: string): string {
  if (userId === me) return 'You';
  // Without the list (it could not be loaded) nobody can be named, and nobody is "former".
  if (!staff) return 'A staff member';
  return staff.find((member) => member.userId === userId)?.name ?? 'A former staff member';
}
