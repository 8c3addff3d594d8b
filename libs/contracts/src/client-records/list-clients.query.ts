import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, SafeString } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { Email } from '../identity/identity.types';
import { ClientStatus, ClientView } from './client.types';

/** Newest first; a cursor holds the id of the last client shown (ids are time-ordered). */
export const ClientCursor = cursorCodec('client-records.clients', z.strictObject({ id: Id }));

/**
 * `q`: the start of a first or last name (any word of it), at least 2 letters or digits once
 * accents, case and punctuation are set aside; `email`: exactly; `status`: `active` when absent.
 */
export const ClientSearch = z.object({
  q: SafeString.trim().max(100).optional(),
  email: Email.optional(),
  status: ClientStatus.default('active'),
});

export const ListClientsQuery = pageQuery(ClientCursor).extend(ClientSearch.shape);
export const ClientPage = Page(ClientView);

/** Admins see every client of the practice, providers those assigned to them. */
export const ListClients = query('client-records.client.list.v1', {
  payload: pageRequest(ClientCursor).extend({
    actor: Actor,
    q: ClientSearch.shape.q,
    email: ClientSearch.shape.email,
    status: ClientStatus.optional(),
  }),
  reply: ClientPage,
});
