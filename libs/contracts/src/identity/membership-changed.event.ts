import { z } from 'zod';
import { event } from '../contract';
import { Id, Role } from '../common';

/** A person's roles in a practice changed (joined, roles changed, removed: `roles` empty). */
export const MembershipChanged = event('identity.membership.changed.v1', {
  data: z.object({ practiceId: Id, userId: Id, roles: z.array(Role), clientId: Id.nullable() }),
});
