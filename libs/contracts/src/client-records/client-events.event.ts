import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';
import { StateCode } from '../payments/sales-tax.types';
import { ClientStatus } from './client.types';

/**
 * Client events carry ids and the client's state now, never contact details or names. `taxState`
 * is the US state of the address (or `null`): a whole state identifies nobody, and invoicing
 * charges sales tax by it. Consumers keep read models from these: every event carries the full
 * current value of what it concerns, and `revision` (per client, +1 on every change) orders two
 * events even when they share an `occurredAt`.
 */
const ClientState = z.object({
  practiceId: Id,
  clientId: Id,
  status: ClientStatus,
  taxState: StateCode.nullable(),
  revision: z.number().int().positive(),
});

/** A client was created (by `actor`); `providerIds` as in `client.providers-assigned`. */
export const ClientCreated = event('client-records.client.created.v1', {
  data: ClientState.extend({ providerIds: z.array(Id) }),
});

/** The Info section changed: which fields (names only, no values), and the state now. */
export const ClientUpdated = event('client-records.client.updated.v1', {
  data: ClientState.extend({
    changedFields: z.array(z.enum(['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'address'])),
  }),
});

/**
 * The client's providers now (the whole list, possibly empty). Also published when a client is
 * created, so a consumer of assignments needs no other event.
 */
export const ClientProvidersAssigned = event('client-records.client.providers-assigned.v1', {
  data: ClientState.extend({ providerIds: z.array(Id) }),
});

export const ClientArchived = event('client-records.client.archived.v1', { data: ClientState });
export const ClientRestored = event('client-records.client.restored.v1', { data: ClientState });
