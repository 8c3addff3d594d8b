import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

/**
 * A person's email address, as identity now holds it: published when an account is made (sign-up,
 * or a new person accepting an invitation), when someone with an account joins another practice,
 * and whenever it changes. A separate event, not a membership.changed.v2: an address belongs to
 * the person, not to one membership, and only the services that write to people (notifications)
 * should carry it, not every reader of memberships. The latest `occurredAt` wins.
 */
export const UserEmailSet = event('identity.user.email-set.v1', {
  data: z.object({ userId: Id, email: z.string() }),
});
