import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

/**
 * Why a session ended: signed out, its refresh token replayed (theft), past its idle or absolute
 * timeout, its password changed, or roles taken away (an Admin removed them from the staff).
 */
export const SessionEndReason = z.enum([
  'logout',
  'reuse_detected',
  'idle_timeout',
  'absolute_timeout',
  'password_changed',
  'roles_changed',
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

/**
 * A session ended: its refresh tokens are dead, and whatever still holds one of its access
 * tokens (an open alert stream) should stop now rather than when the token expires. `practiceId`
 * is the practice the session was acting in.
 */
export const SessionEnded = event('identity.session.ended.v1', {
  data: z.object({ sessionId: Id, userId: Id, practiceId: Id, reason: SessionEndReason }),
});
