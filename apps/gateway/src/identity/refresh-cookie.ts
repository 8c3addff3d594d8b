import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArborError } from '@arbor/contracts';

export const REFRESH_COOKIE = 'arbor_refresh';
/** Only the session endpoints ever receive the refresh token. */
const COOKIE_PATH = '/api/v1/auth';

/**
 * The refresh token lives in an httpOnly, Secure, SameSite=Strict cookie: script on the page
 * cannot read it, and other sites cannot make the browser send it.
 */
export function setRefreshCookie(reply: FastifyReply, token: string, expiresAt: string): void {
  void reply.setCookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    expires: new Date(expiresAt),
  });
}

export function clearRefreshCookie(reply: FastifyReply): void {
  void reply.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
  });
}

export function refreshTokenOf(request: FastifyRequest): string {
  const token = request.cookies[REFRESH_COOKIE];
  if (!token) throw new ArborError('unauthenticated', 'no session: sign in');
  return token;
}
