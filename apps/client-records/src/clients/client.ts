import type { Actor, Address, ClientStatus } from '@arbor/contracts';

/** The Info section as it is sealed: everything that identifies or reaches the person. */
export interface ClientInfo {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  dateOfBirth: string | null;
  address: Address | null;
}

export interface ClientRecord {
  id: string;
  practiceId: string;
  status: ClientStatus;
  info: ClientInfo;
  providerIds: string[];
  revision: number;
  invitedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Who sees a client at all: an Admin of the practice, or a provider assigned to them. Everyone
 * else gets `not_found`, not `forbidden`, so an id says nothing about whether the client exists.
 * (The practice itself is checked by scoping every query to the actor's practice.)
 */
export function maySeeClient(
  actor: Actor,
  client: Pick<ClientRecord, 'practiceId' | 'providerIds'>,
): boolean {
  if (client.practiceId !== actor.practiceId) return false;
  if (actor.role === 'admin') return true;
  return actor.role === 'provider' && client.providerIds.includes(actor.userId);
}

/** A date of birth is a past (or today's) calendar date, as of the practice's clock in UTC. */
export function isFutureDate(date: string, now: Date): boolean {
  return date > now.toISOString().slice(0, 10);
}

export type InfoField = keyof ClientInfo;
const FIELDS: readonly InfoField[] = ['firstName', 'lastName', 'email', 'phone', 'dateOfBirth', 'address'];

/** Which fields differ, in a fixed order. */
export function changedFields(before: ClientInfo, after: ClientInfo): InfoField[] {
  return FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
