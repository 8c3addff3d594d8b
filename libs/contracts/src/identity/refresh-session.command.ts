import { z } from 'zod';
import { command } from '../contract';
import { RequestOrigin, SessionTokens } from './identity.types';

/**
 * Rotates the refresh token: the one given is spent, a new one comes back with a new access
 * token. A spent token used again means theft: the whole session (token family) is revoked and
 * the answer is `unauthenticated`, as for an expired, idle-timed-out or revoked one.
 */
export const RefreshSession = command('identity.session.refresh.v1', {
  payload: z.object({ refreshToken: z.string().min(1).max(512), origin: RequestOrigin }),
  reply: SessionTokens,
});
