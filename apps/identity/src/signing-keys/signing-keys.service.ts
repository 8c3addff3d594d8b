import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { v7 as uuidv7 } from 'uuid';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type PublicJwk } from '@arbor/contracts';
import { openText, seal } from '@arbor/crypto';
import type { Database } from '@arbor/database';
import { DATABASE, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { CLOCK, type Clock } from '@arbor/clock';
import { IDENTITY_CONFIG, type IdentityConfig } from '../identity.config';
import { accessTokenClaims, type AccessTokenSubject } from './access-token';
import { SigningKeysRepository, type SigningKeyRow } from './signing-keys.repository';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface SignedAccessToken {
  readonly accessToken: string;
  readonly expiresIn: number;
}

/**
 * Signs access tokens with Ed25519 (EdDSA) and publishes the public keys. The private key is
 * made at the first start and stored sealed under the key-encryption key; every replica signs
 * with the same newest key.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private active: { kid: string; key: SigningKey } | null = null;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly keys: SigningKeysRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const row = await this.ensureActiveKey();
    this.active = { kid: row.kid, key: await this.privateKeyOf(row) };
  }

  async signAccessToken(subject: AccessTokenSubject): Promise<SignedAccessToken> {
    if (!this.active) throw new Error('signing keys are not loaded yet');
    const ttlSeconds = this.config.accessTokenTtlSeconds;
    const claims = accessTokenClaims(subject, {
      // The contracts hold these so the gateway checks exactly what identity signs.
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      issuedAt: this.clock.now(),
      ttlSeconds,
    });
    const accessToken = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.active.kid, typ: 'JWT' })
      .sign(this.active.key);
    return { accessToken, expiresIn: ttlSeconds };
  }

  async publicKeys(): Promise<PublicJwk[]> {
    const rows = await this.keys.published(this.db);
    return rows.map((row) => row.publicJwk);
  }

  private async ensureActiveKey(): Promise<SigningKeyRow> {
    const existing = await this.keys.newestActive(this.db);
    if (existing) return existing;
    return this.db.transaction(async (tx) => {
      await this.keys.lockKeyCreation(tx);
      // Another replica may have made it while this one waited for the lock.
      const made = await this.keys.newestActive(tx);
      if (made) return made;
      const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const kid = uuidv7();
      const publicJwk = toPublicJwk(await exportJWK(publicKey), kid);
      const row = {
        kid,
        publicJwk,
        privateJwk: seal(this.config.keyEncryptionKeys, JSON.stringify(await exportJWK(privateKey)), kid),
        createdAt: this.clock.now(),
        retiredAt: null,
      };
      await this.keys.insert(tx, row);
      this.logger.info({ kid }, 'created an access-token signing key');
      return row;
    });
  }

  private async privateKeyOf(row: SigningKeyRow): Promise<SigningKey> {
    const jwk = JSON.parse(openText(this.config.keyEncryptionKeys, row.privateJwk, row.kid)) as JWK;
    return importJWK(jwk, 'EdDSA');
  }
}

function toPublicJwk(jwk: JWK, kid: string): PublicJwk {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('expected an Ed25519 public key');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}
