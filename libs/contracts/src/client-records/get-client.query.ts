import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { ClientView } from './client.types';

/** Admins, and providers assigned to the client; `not_found` for everyone else. */
export const GetClient = query('client-records.client.get.v1', {
  payload: z.object({ actor: Actor, clientId: Id }),
  reply: ClientView,
});
