import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeviceToken } from '@arbor/contracts';

export const DEVICE_COOKIE = 'arbor_device';
/** Only sign-in reads it. */
const COOKIE_PATH = '/api/v1/auth/login';
const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60; // the browsers' own ceiling; identity decides trust

/**
 * The browser's trusted-device token (see identity's sign-in lockout): httpOnly, Secure,
 * SameSite=Strict, sent to the sign-in route only. A malformed cookie is ignored, not refused:
 * it is nobody's fault but the browser's, and the sign-in simply counts as from a new device.
 */
export function deviceTokenOf(request: FastifyRequest): DeviceToken | undefined {
  const parsed = DeviceToken.safeParse(request.cookies[DEVICE_COOKIE]);
  return parsed.success ? parsed.data : undefined;
}

export function setDeviceCookie(reply: FastifyReply, token: DeviceToken): void {
  void reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: COOKIE_PATH,
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  });
}
