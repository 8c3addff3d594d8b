import { z } from 'zod';
import { event } from '../contract';
import { Id, Role } from '../common';

export const UserInvited = event('identity.user.invited.v1', {
  data: z.object({ practiceId: Id, invitationId: Id, roles: z.array(Role), clientId: Id.nullable() }),
});
