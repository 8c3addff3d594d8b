import { generateSecret, generateURI, verify } from 'otplib';

/** The name authenticator apps show beside the account. */
export const TOTP_ISSUER = 'Arbor';

/**
 * One step either side of now: a code typed as it rolls over, or on a phone whose clock is a
 * little off, still works; a wider window only helps guessing.
 */
const TOLERANCE_SECONDS = 30;

/** RFC 6238 defaults (SHA-1, 6 digits, 30 s): what every authenticator app understands. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpEnrolmentUrl(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret });
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Checks a code at `now`. A code of a time step at or before `afterTimeStep` (the last one
 * accepted for this account) is refused: each code works once (RFC 6238 §5.2).
 */
export async function checkTotp(
  secret: string,
  code: string,
  now: Date,
  afterTimeStep: number | null,
): Promise<TotpCheck> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
}
