import { z } from 'zod';
import { Id } from '../common';
import { ArchiveClient } from '../client-records/archive-client.command';
import { AssignClientProvidersBody } from '../client-records/assign-client-providers.command';
import { ClientView } from '../client-records/client.types';
import { CreateClientBody, CreatedClient } from '../client-records/create-client.command';
import { ClientPage, ListClientsQuery } from '../client-records/list-clients.query';
import { ClientInvitationView } from '../client-records/send-client-invitation.command';
import { UpdateClientBody } from '../client-records/update-client.command';
import { route } from './route.types';

const PracticeParams = z.object({ pid: Id });
const ClientParams = PracticeParams.extend({ cid: Id });

export const CreateClientRoute = route({
  operationId: 'createClient',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients',
  summary: 'Add a client and invite them to the client portal (a provider who adds one is assigned to them)',
  description:
    'The client is kept even if the invitation cannot be sent: `portalInviteUrl` is then `null` and ' +
    '`POST …/clients/{cid}/invitation` sends it again. An email already used by a client of the ' +
    'practice is a `conflict`, so a retried request never makes a second client.',
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: PracticeParams,
  body: CreateClientBody,
  responses: { 201: CreatedClient },
  problems: ['conflict'],
});

export const ListClientsRoute = route({
  operationId: 'listClients',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients',
  summary: 'The Clients tab: Admins see every client, providers those assigned to them; newest first',
  description:
    '`q` finds clients by the start of any word of their first or last name (at least 2 letters), ' +
    '`email` by their exact email, `status` is `active` unless given.',
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: PracticeParams,
  query: ListClientsQuery,
  responses: { 200: ClientPage },
});

export const GetClientRoute = route({
  operationId: 'getClient',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients/{cid}',
  summary: "A client's Info section (Admins, and providers assigned to the client)",
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: ClientParams,
  responses: { 200: ClientView },
});

export const UpdateClientRoute = route({
  operationId: 'updateClient',
  method: 'PATCH',
  path: '/api/v1/practices/{pid}/clients/{cid}',
  summary: "Change a client's Info; `null` clears phone, date of birth or address",
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: ClientParams,
  body: UpdateClientBody,
  responses: { 200: ClientView },
  problems: ['conflict'],
});

export const AssignClientProvidersRoute = route({
  operationId: 'assignClientProviders',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/clients/{cid}/providers',
  summary: "Set the client's providers (the whole list; providers of the practice only)",
  tags: ['Clients'],
  access: ['admin'],
  params: ClientParams,
  body: AssignClientProvidersBody,
  responses: { 200: ClientView },
});

export const ArchiveClientRoute = route({
  operationId: 'archiveClient',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/archive',
  summary: 'Archive a client: everything is kept, the client leaves the default list',
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: ClientParams,
  responses: { 200: ArchiveClient.reply },
});

export const RestoreClientRoute = route({
  operationId: 'restoreClient',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/restore',
  summary: 'Bring an archived client back, as they were',
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: ClientParams,
  responses: { 200: ClientView },
});

export const SendClientInvitationRoute = route({
  operationId: 'sendClientInvitation',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/invitation',
  summary: 'Send the client a new client-portal invitation, to their current email',
  tags: ['Clients'],
  access: ['admin', 'provider'],
  params: ClientParams,
  responses: { 200: ClientInvitationView },
  problems: ['conflict'],
});

export const CLIENTS_ROUTES = [
  CreateClientRoute,
  ListClientsRoute,
  GetClientRoute,
  UpdateClientRoute,
  AssignClientProvidersRoute,
  ArchiveClientRoute,
  RestoreClientRoute,
  SendClientInvitationRoute,
] as const;
