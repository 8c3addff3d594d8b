import type { AccessTokenClaims, Role } from '@arbor/contracts';
import { canonicalRoles } from '../users/membership';

export interface AccessTokenSubject {
  readonly userId: string;
  readonly sessionId: string;
  readonly practiceId: string;
  readonly roles: readonly Role[];
  readonly role: Role;
  readonly mfaPending: boolean;
}

/**
 * The claims of an access token, exactly `AccessTokenClaims`: `mfa_pending` appears only when
 * true (its absence is the normal case, so a verifier that ignores it fails closed nowhere).
 */
export function accessTokenClaims(
  subject: AccessTokenSubject,
  token: { issuer: string; audience: string; issuedAt: Date; ttlSeconds: number },
): AccessTokenClaims {
  if (!subject.roles.includes(subject.role)) {
    throw new Error(`refusing to sign a token acting as ${subject.role}, a role not held`);
  }
  const iat = Math.floor(token.issuedAt.getTime() / 1000);
  return {
    iss: token.issuer,
    aud: token.audience,
    sub: subject.userId,
    sid: subject.sessionId,
    pid: subject.practiceId,
    roles: canonicalRoles(subject.roles),
    role: subject.role,
    ...(subject.mfaPending ? { mfa_pending: true } : {}),
    iat,
    exp: iat + token.ttlSeconds,
  };
}
