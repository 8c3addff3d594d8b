import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';
import { ClientInfoFields, ClientView } from './client.types';

export const CreateClientBody = ClientInfoFields;

/**
 * The client as created, and the link of their client-portal invitation: `null` when identity
 * could not be reached or refused the invitation. The client is kept either way (created before
 * the invitation is sent); `SendClientInvitation` sends it again.
 */
export const CreatedClient = ClientView.extend({ portalInviteUrl: z.url().nullable() });
export type CreatedClient = z.infer<typeof CreatedClient>;

/**
 * Admins and providers. A provider who creates a client is assigned to them. A client's email is
 * unique in the practice (their portal account is): a second client with it is a `conflict`
 * naming `email`, which also makes a retried create harmless.
 */
export const CreateClient = command('client-records.client.create.v1', {
  payload: z.object({ actor: Actor, client: CreateClientBody }),
  reply: CreatedClient,
});
