import { z } from 'zod';
import { command } from '../contract';
import { Id, Role } from '../common';
import { RequestOrigin, SessionActor } from './identity.types';

export const SwitchRoleBody = z.object({ practiceId: Id, role: Role });

/**
 * A new access token acting as another role the person holds (in this practice or another of
 * theirs), in the same session. `forbidden` for a role they do not hold there.
 */
export const SwitchRole = command('identity.session.switch-role.v1', {
  payload: SwitchRoleBody.extend({ actor: SessionActor, origin: RequestOrigin }),
  reply: z.object({
    accessToken: z.string(),
    expiresIn: z.number().int().positive(),
    activeRole: Role,
    practiceId: Id,
  }),
});
