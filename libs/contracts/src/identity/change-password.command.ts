import { z } from 'zod';
import { command } from '../contract';
import { GivenPassword, NewPassword, RequestOrigin, SessionActor } from './identity.types';

export const ChangePasswordBody = z.object({ currentPassword: GivenPassword, newPassword: NewPassword });

/** Revokes every session of the person, this one included: they sign in again. */
export const ChangePassword = command('identity.password.change.v1', {
  payload: ChangePasswordBody.extend({ actor: SessionActor, origin: RequestOrigin }),
  reply: z.object({}),
});
