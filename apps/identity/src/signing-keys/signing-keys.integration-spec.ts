// Real: PostgreSQL, RabbitMQ, the identity service started in this process with startService,
// jose verifying tokens the way the gateway does. Faked: nothing (a second, bare
// SigningKeysService stands in for a second replica starting at the same moment).
import path from 'node:path';
import { count } from 'drizzle-orm';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK } from 'jose';
import { GetJwks, Login } from '@arbor/contracts';
import { keyRing, newKeyEncryptionKey, openText } from '@arbor/crypto';
import { connectDatabase, createTestDatabase } from '@arbor/database';
import { startService } from '@arbor/messaging';
import { createLogger } from '@arbor/observability';
import { testServices } from '@arbor/testing';
import { systemClock } from '@arbor/clock';
import {
  createIdentityWorld,
  freshOrigin,
  PASSWORD,
  signUpAndLogin,
  type IdentityWorld,
} from '../../test/identity-world';
import { loadIdentityConfig } from '../identity.config';
import { IdentityModule } from '../identity.module';
import { SigningKeysRepository } from './signing-keys.repository';
import { signingKeys } from './signing-keys.schema';
import { SigningKeysService } from './signing-keys.service';

describe('signing keys and the JWKS', () => {
  let world: IdentityWorld;

  beforeAll(async () => {
    world = await createIdentityWorld('keys');
  });
  afterAll(() => world.close());

  it('publishes one Ed25519 key, and tokens verify against it with the gateway’s settings', async () => {
    const { keys } = await world.bus.send(GetJwks, {});
    expect(keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String) as unknown,
        kid: expect.any(String) as unknown,
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    const { session, user } = await signUpAndLogin(world);
    const { payload, protectedHeader } = await jwtVerify(session.accessToken, createLocalJWKSet({ keys }), {
      algorithms: ['EdDSA'],
      issuer: 'arbor-identity',
      audience: 'arbor',
      currentDate: world.clock.now(),
    });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: keys[0]!.kid, typ: 'JWT' });
    expect(payload.sub).toBe(user.id);
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('signs nothing that verifies once tampered with', async () => {
    const { keys } = await world.bus.send(GetJwks, {});
    const { session } = await signUpAndLogin(world);
    const [header, body, signature] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
    await expect(
      jwtVerify(`${header}.${forged}.${signature}`, createLocalJWKSet({ keys }), { algorithms: ['EdDSA'] }),
    ).rejects.toThrow(joseErrors.JWSSignatureVerificationFailed);
  });

  it('stores the private key sealed, never in plaintext', async () => {
    const [row] = await world.database.db.select().from(signingKeys);
    expect(row!.privateJwk).toMatch(/^v1\.test1\./);
    expect(row!.privateJwk).not.toContain('"d"');
    const jwk = JSON.parse(openText(world.config.keyEncryptionKeys, row!.privateJwk, row!.kid)) as JWK;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: row!.publicJwk.x });
    expect(row!.privateJwk).not.toContain(jwk.d);
    expect(JSON.stringify(row!.publicJwk)).not.toContain(jwk.d);
    const otherRing = keyRing(new Map([['test1', Buffer.from(newKeyEncryptionKey(), 'base64')]]));
    expect(() => openText(otherRing, row!.privateJwk, row!.kid)).toThrow();
  });

  it('keeps its key across a restart: tokens signed before still verify after', async () => {
    const { keys: before } = await world.bus.send(GetJwks, {});
    const { email } = await signUpAndLogin(world);
    await world.service.stop();
    const restarted = await startService({
      service: 'identity',
      module: IdentityModule.forRoot(world.config, { clock: world.clock }),
      config: world.config,
    });
    try {
      const { keys: after } = await world.bus.send(GetJwks, {});
      expect(after).toEqual(before);
      const session = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
      await expect(
        jwtVerify(session.accessToken, createLocalJWKSet({ keys: before }), { algorithms: ['EdDSA'] }),
      ).resolves.toBeTruthy();
    } finally {
      await restarted.stop();
    }
  });

  it('makes one key when two replicas start at once on an empty database', async () => {
    const database = await createTestDatabase(
      testServices().postgresUrl,
      'identity_key_race',
      path.join(__dirname, '..', '..', 'migrations'),
    );
    const config = loadIdentityConfig({
      ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `race:${newKeyEncryptionKey()}`,
    });
    const replicas = [connectDatabase(database.url), connectDatabase(database.url)];
    try {
      const logger = createLogger('identity-test', 'silent');
      const services = replicas.map(
        (replica) =>
          new SigningKeysService(replica.db, config, systemClock, logger, new SigningKeysRepository()),
      );
      await Promise.all(services.map((service) => service.onModuleInit()));
      const [row] = await database.db.select({ n: count() }).from(signingKeys);
      expect(row?.n).toBe(1);
      const [a, b] = await Promise.all(services.map((service) => service.publicKeys()));
      expect(a).toEqual(b);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await database.drop();
    }
  });
});
