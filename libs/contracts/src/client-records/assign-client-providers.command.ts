import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { ClientView } from './client.types';

export const AssignClientProvidersBody = z.object({
  providerIds: z
    .array(Id)
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'lists a provider twice'),
});

/**
 * Admin only. Sets the client's providers (the whole list); only current providers of the
 * practice may be assigned (`validation_failed` naming `providerIds[i]`).
 */
export const AssignClientProviders = command('client-records.client.assign-providers.v1', {
  payload: z.object({ actor: Actor, clientId: Id, providerIds: AssignClientProvidersBody.shape.providerIds }),
  reply: ClientView,
});
