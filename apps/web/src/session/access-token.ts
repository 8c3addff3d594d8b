import { AccessTokenClaims } from '@arbor/contracts';

/**
 * The claims of an access token, read (not verified: the gateway verifies) so the app knows who
 * is acting, in which practice and role, and when the token runs out. `undefined` if unreadable.
 */
export function claimsOf(accessToken: string): AccessTokenClaims | undefined {
  const payload = accessToken.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (char) => char.charCodeAt(0)));
    return AccessTokenClaims.safeParse(JSON.parse(json)).data;
  } catch {
    return undefined;
  }
}
