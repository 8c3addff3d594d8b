import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { AccessTokenClaims, ArborError, type PublicJwk } from '@arbor/contracts';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Where the public keys come from (identity's JWKS, over the bus). */
  loadKeys: () => Promise<PublicJwk[]>;
  /** How often an unknown key id may trigger a reload: a flood of forged kids must not flood identity. */
  minReloadIntervalMs?: number;
  now?: () => number;
}

/**
 * Verifies Arbor access tokens locally: EdDSA only (no `alg: none`, no HMAC confusion), the
 * expected issuer and audience, not expired, claims of the right shape. Keys are cached and
 * reloaded only when a token names a key id the cache does not know (identity rotated its key),
 * so a request with a valid token never calls identity.
 */
/** How many verified tokens are remembered (about one per person signed in on a replica). */
const RECENT_TOKENS = 10_000;

export class AccessTokenVerifier {
  private keys: JSONWebKeySet | null = null;
  private jwks: ReturnType<typeof createLocalJWKSet> | null = null;
  private loading: Promise<void> | null = null;
  private lastLoadAt = Number.NEGATIVE_INFINITY;
  private readonly minReloadIntervalMs: number;
  private readonly now: () => number;
  /**
   * Tokens verified lately, by their text: one request is verified by the rate limiter and then
   * by the guard, and a person's requests repeat one token for its 15 minutes. A hit is good
   * only until the token's own expiry; a key reload forgets every hit.
   */
  private readonly recent = new Map<string, AccessTokenClaims>();

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.minReloadIntervalMs = options.minReloadIntervalMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.recent.get(token);
    if (known && known.exp * 1000 > this.now()) return known;
    if (known) this.recent.delete(token);
    const claims = await this.verifyAgainstKeys(token);
    if (this.recent.size >= RECENT_TOKENS) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(token, claims);
    return claims;
  }

  private async verifyAgainstKeys(token: string): Promise<AccessTokenClaims> {
    if (!this.jwks) await this.reload();
    try {
      return await this.verifyWithCachedKeys(token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
      if (this.mayReload()) {
        await this.reload();
        try {
          return await this.verifyWithCachedKeys(token);
        } catch (again) {
          if (!(again instanceof joseErrors.JWKSNoMatchingKey)) throw again;
        }
      }
      // A key id identity never published (or not yet): a forged token, not a server error.
      throw unauthenticated('the access token is signed with an unknown key');
    }
  }

  private async verifyWithCachedKeys(token: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.jwks!, {
        algorithms: ['EdDSA'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        requiredClaims: ['exp', 'iat', 'sub'],
        currentDate: new Date(this.now()),
      });
      const claims = AccessTokenClaims.safeParse(payload);
      if (!claims.success) throw unauthenticated('the access token is malformed');
      return claims.data;
    } catch (error) {
      if (error instanceof ArborError) throw error;
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('the access token has expired');
      throw unauthenticated('the access token is not valid');
    }
  }

  private mayReload(): boolean {
    return this.now() - this.lastLoadAt >= this.minReloadIntervalMs;
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const keys = await this.options.loadKeys();
        this.keys = { keys: keys.map((key) => ({ ...key })) };
        this.jwks = createLocalJWKSet(this.keys);
        this.recent.clear(); // a key identity withdrew must stop vouching for its tokens at once
        this.lastLoadAt = this.now();
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}

function unauthenticated(message: string): ArborError {
  return new ArborError('unauthenticated', message);
}
