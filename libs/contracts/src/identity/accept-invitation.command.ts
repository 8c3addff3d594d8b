import { z } from 'zod';
import { command } from '../contract';
import { Id } from '../common';
import { GivenPassword, RequestOrigin } from './identity.types';

export const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'not an invitation token');
export const AcceptInvitationBody = z.object({ password: GivenPassword });

/**
 * Staff and client-portal invitations alike. A new person sets their password (the policy
 * applies: `validation_failed` on `password`); an existing account confirms with its password.
 * `not_found` for an unknown, used or expired token.
 */
export const AcceptInvitation = command('identity.invitation.accept.v1', {
  payload: AcceptInvitationBody.extend({ token: InvitationToken, origin: RequestOrigin }),
  reply: z.object({ userId: Id, practiceId: Id }),
});
