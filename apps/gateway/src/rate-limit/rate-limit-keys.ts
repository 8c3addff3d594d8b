import { normalizeIP } from '@fastify/rate-limit';
import type { AccessTokenClaims } from '@arbor/contracts';

interface KeyedRequest {
  readonly ip: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** Verifies an access token as the auth guard does; rejects for anything but a valid one. */
export type VerifyAccessToken = (token: string) => Promise<Pick<AccessTokenClaims, 'sub'>>;

const BEARER = /^Bearer (\S+)$/;

/** The client address (an IPv6 client by its /64, as one host usually holds the whole prefix). */
export function addressKey(request: KeyedRequest): string {
  return `address:${normalizeIP(request.ip)}`;
}

/**
 * Whose budget a request spends: a signed-in person's own (so a clinic behind one address is
 * not one budget), else the client address. Only a token that verifies names a person: an
 * unverified `sub` would let anyone spread requests over invented keys, so an invalid, expired or
 * forged token counts against the address like no token at all.
 */
export function requesterKey(verify: VerifyAccessToken) {
  return async (request: KeyedRequest): Promise<string> => {
    const header = request.headers['authorization'];
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token) {
      try {
        return `user:${(await verify(token)).sub}`;
      } catch {
        // Not a valid token: the guard answers 401 for it; the limiter counts it by address.
      }
    }
    return addressKey(request);
  };
}
