import { z } from 'zod';
import { command } from '../contract';
import { Email, GivenPassword, RecoveryCode, RequestOrigin, SessionView, TotpCode } from './identity.types';

export const LoginBody = z.object({
  email: Email,
  password: GivenPassword,
  totp: TotpCode.optional(),
  recoveryCode: RecoveryCode.optional(),
});
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * A browser's proof that its owner has signed in from it before: opaque, carried by the gateway
 * in an httpOnly cookie, never in a body a script can read.
 */
export const DeviceToken = z.string().regex(/^dv_[A-Za-z0-9_-]{43}$/, 'not a device token');
export type DeviceToken = z.infer<typeof DeviceToken>;

/**
 * Email + password (+ a TOTP or recovery code for staff with MFA). Failures answer alike whether
 * or not the email exists: `unauthenticated` ("email or password is wrong"); `unauthenticated`
 * with `details.mfa = "required"` when the password was right but a code is missing or wrong;
 * `rate_limited` with `details.retryAfterSeconds` while the account or address is locked out.
 * A sign-in from a device the account has signed in from before (`deviceToken`) is judged only
 * on that device's own failures; every successful sign-in answers the device token to keep.
 */
export const Login = command('identity.session.login.v1', {
  payload: LoginBody.extend({ origin: RequestOrigin, deviceToken: DeviceToken.optional() }),
  reply: SessionView.extend({ deviceToken: DeviceToken }),
});
