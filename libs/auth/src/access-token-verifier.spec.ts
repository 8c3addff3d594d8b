import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { createSecretKey } from 'node:crypto';
import type { PublicJwk } from '@arbor/contracts';
import { AccessTokenVerifier } from './access-token-verifier';

const ISSUER = 'arbor-identity';
const AUDIENCE = 'arbor';
const ids = {
  sub: '0190b1a2-7c1e-7d3f-8a2b-000000000001',
  sid: '0190b1a2-7c1e-7d3f-8a2b-000000000002',
  pid: '0190b1a2-7c1e-7d3f-8a2b-000000000003',
};

async function keyPair(kid: string) {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } as PublicJwk;
  return { publicKey, privateKey, jwk };
}

function sign(
  privateKey: CryptoKey,
  kid: string,
  overrides: Record<string, unknown> = {},
  expiresIn = '15m',
) {
  const claims = {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: ids.sub,
    sid: ids.sid,
    pid: ids.pid,
    roles: ['admin', 'provider'],
    role: 'provider',
  };
  return new SignJWT({ ...claims, ...overrides })
    .setProtectedHeader({ alg: 'EdDSA', kid })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(privateKey);
}

describe('access token verification', () => {
  let key: Awaited<ReturnType<typeof keyPair>>;
  let loads: number;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    key = await keyPair('k1');
  });
  beforeEach(() => {
    loads = 0;
    verifier = new AccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      loadKeys: () => {
        loads += 1;
        return Promise.resolve([key.jwk]);
      },
    });
  });

  it('accepts a token signed by identity and reads its claims', async () => {
    const claims = await verifier.verify(await sign(key.privateKey, 'k1'));
    expect(claims).toMatchObject({
      sub: ids.sub,
      pid: ids.pid,
      role: 'provider',
      roles: ['admin', 'provider'],
    });
  });

  it('loads the keys once, not per request', async () => {
    const token = await sign(key.privateKey, 'k1');
    await verifier.verify(token);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(loads).toBe(1);
  });

  it.each([
    [
      'an unsigned token (alg: none)',
      () => Promise.resolve(new UnsecuredJWT({ sub: ids.sub, pid: ids.pid, role: 'admin' }).encode()),
    ],
    [
      'an HMAC token keyed with the public key (algorithm confusion)',
      async () =>
        new SignJWT({ sid: ids.sid, pid: ids.pid, roles: ['admin'], role: 'admin' })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setSubject(ids.sub)
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('15m')
          .sign(createSecretKey(Buffer.from(key.jwk.x, 'base64url'))),
    ],
    [
      'a token signed with another key under the same key id',
      async () => sign((await keyPair('k1')).privateKey, 'k1'),
    ],
    ['a token for another audience', async () => sign(key.privateKey, 'k1', { aud: 'someone-else' })],
    ['a token from another issuer', async () => sign(key.privateKey, 'k1', { iss: 'evil' })],
    ['an expired token', async () => sign(key.privateKey, 'k1', {}, '-1s')],
    ['a token without a practice', async () => sign(key.privateKey, 'k1', { pid: undefined })],
    ['a token whose role is not one Arbor has', async () => sign(key.privateKey, 'k1', { role: 'root' })],
    ['garbage', () => Promise.resolve('not.a.token')],
  ])('refuses %s with unauthenticated', async (_name, makeToken) => {
    await expect(verifier.verify(await makeToken())).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a token it accepted before once the token expires', async () => {
    let now = Date.now();
    const clocked = new AccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => now,
      loadKeys: () => Promise.resolve([key.jwk]),
    });
    const token = await sign(key.privateKey, 'k1', {}, '60s');
    await expect(clocked.verify(token)).resolves.toMatchObject({ sub: ids.sub });
    now += 61_000;
    await expect(clocked.verify(token)).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'the access token has expired',
    });
  });

  it('stops accepting tokens of a key identity withdrew, once the keys are reloaded', async () => {
    const next = await keyPair('k2');
    let published = [key.jwk];
    let now = Date.now();
    const rotating = new AccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => now,
      minReloadIntervalMs: 30_000,
      loadKeys: () => Promise.resolve(published),
    });
    const old = await sign(key.privateKey, 'k1');
    await expect(rotating.verify(old)).resolves.toMatchObject({ sub: ids.sub });
    published = [next.jwk];
    now += 31_000;
    await rotating.verify(await sign(next.privateKey, 'k2')); // an unknown kid: reloads the keys
    await expect(rotating.verify(old)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('says an expired token has expired', async () => {
    await expect(verifier.verify(await sign(key.privateKey, 'k1', {}, '-1s'))).rejects.toThrow('expired');
  });

  it('picks up a rotated key when a token names a key id it has not seen, at most once per interval', async () => {
    const rotated = await keyPair('k2');
    let published = [key.jwk];
    let now = 1_000_000;
    const rotating = new AccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => now,
      minReloadIntervalMs: 30_000,
      loadKeys: () => {
        loads += 1;
        return Promise.resolve(published);
      },
    });
    await rotating.verify(await sign(key.privateKey, 'k1'));
    published = [rotated.jwk, key.jwk];
    now += 31_000;
    await expect(rotating.verify(await sign(rotated.privateKey, 'k2'))).resolves.toMatchObject({
      sub: ids.sub,
    });
    expect(loads).toBe(2);

    // Forged key ids cannot make the gateway hammer identity, and are the caller's fault (401),
    // not the server's.
    const forged = await keyPair('k9');
    const unknownKey = { name: 'ArborError', code: 'unauthenticated' };
    await expect(rotating.verify(await sign(forged.privateKey, 'k9'))).rejects.toMatchObject(unknownKey);
    await expect(rotating.verify(await sign(forged.privateKey, 'k9'))).rejects.toMatchObject(unknownKey);
    expect(loads).toBe(2);
  });

  it('refuses as unauthenticated a key id that a fresh reload still does not publish', async () => {
    let now = 1_000_000;
    const reloading = new AccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => now,
      minReloadIntervalMs: 30_000,
      loadKeys: () => {
        loads += 1;
        return Promise.resolve([key.jwk]);
      },
    });
    await reloading.verify(await sign(key.privateKey, 'k1'));
    now += 31_000;
    const forged = await keyPair('k7');
    await expect(reloading.verify(await sign(forged.privateKey, 'k7'))).rejects.toMatchObject({
      code: 'unauthenticated',
      message: 'the access token is signed with an unknown key',
    });
    expect(loads).toBe(2);
  });
});
