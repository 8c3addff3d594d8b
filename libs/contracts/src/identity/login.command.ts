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
 * Email + password (+ a TOTP or recovery code for staff with MFA). Failures answer alike whether
 * or not the email exists: `unauthenticated` ("email or password is wrong"); `unauthenticated`
 * with `details.mfa = "required"` when the password was right but a code is missing or wrong;
 * `rate_limited` with `details.retryAfterSeconds` while the account or address is locked out.
 */
export const Login = command('identity.session.login.v1', {
  payload: LoginBody.extend({ origin: RequestOrigin }),
  reply: SessionView,
});
