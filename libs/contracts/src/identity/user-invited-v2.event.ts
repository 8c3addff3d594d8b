import { z } from 'zod';
import { event } from '../contract';
import { Id, IsoDateTime, Role } from '../common';

/** Who an invitation is for: a staff member, or a client's portal account. */
export const InvitationKind = z.enum(['staff', 'client_portal']);
export type InvitationKind = z.infer<typeof InvitationKind>;

/**
 * An invitation was made, with what its email needs (notifications sends it). v1 carried ids
 * only, so the link could only be passed on by hand; v2 is published beside v1, which stays for
 * whoever subscribes to it. `inviteUrl` is the single-use secret link: only the invitee's email
 * may show it. Names and the practice's name only, never anything about care.
 */
export const UserInvitedV2 = event('identity.user.invited.v2', {
  data: z.object({
    practiceId: Id,
    practiceName: z.string(),
    invitationId: Id,
    kind: InvitationKind,
    roles: z.array(Role).min(1),
    clientId: Id.nullable(),
    invitee: z.object({ name: z.string(), email: z.string() }),
    invitedBy: z.object({ userId: Id, name: z.string() }),
    inviteUrl: z.url(),
    expiresAt: IsoDateTime,
  }),
});
