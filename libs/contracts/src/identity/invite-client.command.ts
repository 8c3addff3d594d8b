import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { Email, PersonName } from './identity.types';

/**
 * A client-portal account for a client record (sent by client-records when a client is created):
 * the person gets the `client` role in the practice, linked to `clientId`.
 */
export const InviteClient = command('identity.client-invitation.create.v1', {
  payload: z.object({ actor: Actor, clientId: Id, name: PersonName, email: Email }),
  reply: z.object({ id: Id, inviteUrl: z.url() }),
});
