import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';

export const ClientInvitationView = z.object({
  clientId: Id,
  portalInviteUrl: z.url(),
  invitedAt: z.iso.datetime({ offset: false }),
});

/**
 * Admins, and providers assigned to the client: sends a (new) client-portal invitation to the
 * client's current email. Identity's answer passes through: `conflict` when the person already
 * has a portal account in the practice, `service_unavailable` when it cannot be reached.
 */
export const SendClientInvitation = command('client-records.client-invitation.send.v1', {
  payload: z.object({ actor: Actor, clientId: Id }),
  reply: ClientInvitationView,
});
