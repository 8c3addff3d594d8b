import { z } from 'zod';
import { command } from '../contract';
import { RequestOrigin } from './identity.types';

/** Revokes the session of this refresh token. Idempotent: an unknown or spent token is fine too. */
export const Logout = command('identity.session.logout.v1', {
  payload: z.object({ refreshToken: z.string().min(1).max(512), origin: RequestOrigin }),
  reply: z.object({}),
});
