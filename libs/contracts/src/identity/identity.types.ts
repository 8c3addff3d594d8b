import { z } from 'zod';
import { Id, IsoDateTime, Role, SafeString } from '../common';

/** Emails are compared case-insensitively: stored and looked up trimmed and lower-cased. */
export const Email = SafeString.trim().toLowerCase().pipe(z.email('must be an email address').max(254));

/**
 * Length is the policy (NIST SP 800-63B): at least 12 characters, at most 128 (argon2 input stays
 * bounded). The identity service also refuses passwords on its list of common ones.
 */
export const NewPassword = SafeString.min(12, 'must be at least 12 characters').max(
  128,
  'must be at most 128 characters',
);
/** What a login accepts: any length up to the bound, so an old password still gets a clean "wrong password". */
export const GivenPassword = SafeString.min(1).max(128);

export const PersonName = SafeString.trim().min(1).max(200);
export const PracticeName = SafeString.trim().min(1).max(200);
export const StaffRole = z.enum(['admin', 'provider']);
export type StaffRole = z.infer<typeof StaffRole>;

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx). */
export const TotpCode = z.string().regex(/^\d{6}$/, 'must be 6 digits');
export const RecoveryCode = z.string().regex(/^[a-z0-9]{5}-[a-z0-9]{5}$/, 'must look like abcde-12345');

/** Where a request came from, for lockout and the audit trail; set by the gateway, never by a client. */
export const RequestOrigin = z.object({
  ip: z.string().max(64),
  userAgent: z.string().max(512).optional(),
});
export type RequestOrigin = z.infer<typeof RequestOrigin>;

export const Membership = z.object({
  practiceId: Id,
  practiceName: z.string(),
  roles: z.array(Role).min(1),
  activeRole: Role,
});
export type Membership = z.infer<typeof Membership>;

export const UserSummary = z.object({ id: Id, name: z.string(), email: z.string() });
export type UserSummary = z.infer<typeof UserSummary>;

/**
 * What login, refresh and switch-role answer. The refresh token goes to the browser as an
 * httpOnly cookie (the gateway takes it out of the JSON body); other clients keep it themselves.
 */
export const SessionTokens = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  /** When the whole session ends, whatever its activity (absolute timeout). */
  refreshExpiresAt: IsoDateTime,
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export const SessionView = SessionTokens.extend({
  user: UserSummary,
  memberships: z.array(Membership),
});
export type SessionView = z.infer<typeof SessionView>;

/** The claims of an Arbor access token (JWT, EdDSA). */
export const AccessTokenClaims = z.object({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  sub: Id,
  /** Session (refresh-token family) id: logout or theft detection ends it. */
  sid: Id,
  /** The practice the token acts in. */
  pid: Id,
  /** Roles held in that practice. */
  roles: z.array(Role).min(1),
  /** The role acting now. */
  role: Role,
  /**
   * Set when the practice requires MFA and this staff member has not enrolled yet: the token is
   * good only for enrolling (and for /me and logout) until they have.
   */
  mfa_pending: z.boolean().optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessTokenClaims = z.infer<typeof AccessTokenClaims>;

/** A public key as published in the JWKS (Ed25519, OKP). */
export const PublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

/** The acting person and the session of the access token, passed on by the gateway. */
export const SessionActor = z.object({
  userId: Id,
  practiceId: Id,
  role: Role,
  sessionId: Id,
});
export type SessionActor = z.infer<typeof SessionActor>;

/** Who issues Arbor access tokens and for whom: identity signs with these, the gateway checks them. */
export const ACCESS_TOKEN_ISSUER = 'arbor-identity';
export const ACCESS_TOKEN_AUDIENCE = 'arbor';
