// Real: the built identity app as its own process (migrated by its own migrate step), the
// gateway application in this process, RabbitMQ and PostgreSQL; tokens checked with real keys
// (read from identity's own database, to forge the cases that must be refused).
// Faked: one fixture route (`/fixture/whoami`) that needs a token but no service, to show that
// verifying a token never calls identity.
import { Controller, Get, Module } from '@nestjs/common';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWK } from 'jose';
import { generateSync } from 'otplib';
import { Client as PgClient } from 'pg';
import { CurrentActor, Roles } from '@arbor/auth';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, InviteClient, type Actor } from '@arbor/contracts';
import { keyRing, openText } from '@arbor/crypto';
import { inviteTokenOf, login, refreshCookieFrom, type Client } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

@Controller('api/v1/fixture')
class WhoAmIController {
  @Get('whoami')
  @Roles('admin', 'provider', 'client')
  whoami(@CurrentActor() actor: Actor) {
    return actor;
  }
}

@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

const PASSWORD = 'maple-syrup-on-tuesdays';

describe('identity through the gateway', () => {
  let platform: Platform;
  let api: Client;

  // What the tests learn as they go (they run in order, like a practice's first day).
  const practice = { id: '', adminId: '', adminEmail: 'ada@maple.test' };
  const other = { id: '', adminEmail: 'otto@birch.test' };
  const staff = { userId: '', email: 'pat.provider@maple.test' };

  beforeAll(async () => {
    platform = await startPlatform('identity', ['identity'], { modules: [WhoAmIModule] });
    api = platform.api;
  });

  afterAll(() => platform?.close());

  it('signs up a practice whose first Admin also holds the Provider role; the same email cannot sign up twice', async () => {
    const created = await api.call('POST', '/practices', {
      body: {
        practiceName: 'Maple Counselling',
        admin: { name: 'Ada Admin', email: ' ADA@Maple.test ', password: PASSWORD },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      practice: { id: expect.any(String), name: 'Maple Counselling' },
      user: { id: expect.any(String), email: practice.adminEmail },
    });
    practice.id = (created.body['practice'] as { id: string }).id;
    practice.adminId = (created.body['user'] as { id: string }).id;

    const again = await api.call('POST', '/practices', {
      body: {
        practiceName: 'Maple Two',
        admin: { name: 'Ada', email: practice.adminEmail, password: PASSWORD },
      },
    });
    expect(again.status).toBe(409);

    const birch = await api.call('POST', '/practices', {
      body: {
        practiceName: 'Birch Therapy',
        admin: { name: 'Otto Other', email: other.adminEmail, password: PASSWORD },
      },
    });
    expect(birch.status).toBe(201);
    other.id = (birch.body['practice'] as { id: string }).id;

    const session = await login(api, practice.adminEmail, PASSWORD);
    const me = await api.call('GET', '/me', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: practice.adminId, email: practice.adminEmail, mfaEnabled: false },
      activePracticeId: practice.id,
      memberships: [
        {
          practiceId: practice.id,
          practiceName: 'Maple Counselling',
          roles: expect.arrayContaining(['admin', 'provider']),
        },
      ],
    });
  });

  it('lets an Admin invite staff; the invitation is accepted once with a password, and the new provider signs in', async () => {
    const admin = await login(api, practice.adminEmail, PASSWORD);
    const asAdmin = await api.call('POST', '/auth/switch-role', {
      token: admin.accessToken,
      body: { practiceId: practice.id, role: 'admin' },
    });
    expect(asAdmin.status).toBe(200);
    const adminToken = asAdmin.body['accessToken'] as string;

    const invited = await api.call('POST', `/practices/${practice.id}/staff`, {
      token: adminToken,
      body: { name: 'Pat Provider', email: staff.email, roles: ['provider'] },
    });
    expect(invited.status).toBe(201);
    expect(invited.body['inviteUrl']).toMatch(/^https:\/\/arbor\.test\/invitations\/[A-Za-z0-9_-]+$/);
    const token = inviteTokenOf(invited.body['inviteUrl'] as string);

    const weak = await api.call('POST', `/invitations/${token}/accept`, {
      body: { password: 'password1234' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body['errors']).toEqual([expect.objectContaining({ path: 'password' })]);

    const accepted = await api.call('POST', `/invitations/${token}/accept`, { body: { password: PASSWORD } });
    expect(accepted.status).toBe(200);
    staff.userId = accepted.body['userId'] as string;
    const reused = await api.call('POST', `/invitations/${token}/accept`, { body: { password: PASSWORD } });
    expect(reused.status).toBe(404);

    const provider = await login(api, staff.email, PASSWORD);
    const list = await api.call('GET', `/practices/${practice.id}/staff`, { token: provider.accessToken });
    expect(list.status).toBe(200);
    expect(list.body['items']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          userId: practice.adminId,
          roles: expect.arrayContaining(['admin', 'provider']),
        }),
        expect.objectContaining({ userId: staff.userId, email: staff.email, roles: ['provider'] }),
      ]),
    );
  });

  it('rotates the refresh token on use, and a spent token used again ends the whole session', async () => {
    const session = await login(api, staff.email, PASSWORD);
    const first = await api.call('POST', '/auth/refresh', { cookie: session.refreshCookie });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
    const rotated = refreshCookieFrom(first.headers);
    expect(rotated).not.toBe(session.refreshCookie);

    const second = await api.call('POST', '/auth/refresh', { cookie: rotated });
    expect(second.status).toBe(200);
    const newest = refreshCookieFrom(second.headers);

    // The first cookie again: theft. Nobody holding any token of this session may refresh now.
    const stolen = await api.call('POST', '/auth/refresh', { cookie: session.refreshCookie });
    expect(stolen.status).toBe(401);
    expect((await api.call('POST', '/auth/refresh', { cookie: newest })).status).toBe(401);
  });

  it('ends the session on logout', async () => {
    const session = await login(api, staff.email, PASSWORD);
    const out = await api.call('POST', '/auth/logout', { cookie: session.refreshCookie });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/arbor_refresh=;/);
    expect((await api.call('POST', '/auth/refresh', { cookie: session.refreshCookie })).status).toBe(401);
    expect((await api.call('POST', '/auth/refresh', {})).status).toBe(401);
  });

  it('switches to a role the person holds, and refuses one they do not', async () => {
    const session = await login(api, practice.adminEmail, PASSWORD);
    const toAdmin = await api.call('POST', '/auth/switch-role', {
      token: session.accessToken,
      body: { practiceId: practice.id, role: 'admin' },
    });
    expect(toAdmin.status).toBe(200);
    expect(toAdmin.body).toMatchObject({ activeRole: 'admin', practiceId: practice.id });
    const whoami = await api.call('GET', '/fixture/whoami', { token: toAdmin.body['accessToken'] as string });
    expect(whoami.body).toEqual({ userId: practice.adminId, practiceId: practice.id, role: 'admin' });

    const toClient = await api.call('POST', '/auth/switch-role', {
      token: session.accessToken,
      body: { practiceId: practice.id, role: 'client' },
    });
    expect(toClient.status).toBe(403);
    const toOtherPractice = await api.call('POST', '/auth/switch-role', {
      token: session.accessToken,
      body: { practiceId: other.id, role: 'admin' },
    });
    expect(toOtherPractice.status).toBe(403);
  });

  it('refuses what the active role may not do with 403', async () => {
    const provider = await login(api, staff.email, PASSWORD);
    const invite = await api.call('POST', `/practices/${practice.id}/staff`, {
      token: provider.accessToken,
      body: { name: 'Eve', email: 'eve@maple.test', roles: ['admin'] },
    });
    expect(invite.status).toBe(403);
    expect(invite.headers.get('content-type')).toMatch(/problem\+json/);
    const security = await api.call('PUT', `/practices/${practice.id}/security`, {
      token: provider.accessToken,
      body: { requireMfa: true },
    });
    expect(security.status).toBe(403);
    const roles = await api.call('PUT', `/practices/${practice.id}/staff/${practice.adminId}/roles`, {
      token: provider.accessToken,
      body: { roles: [] },
    });
    expect(roles.status).toBe(403);

    // A client of the practice (invited the way client-records will) may not even read the staff list.
    const admin = await login(api, practice.adminEmail, PASSWORD);
    const asAdmin = await api.call('POST', '/auth/switch-role', {
      token: admin.accessToken,
      body: { practiceId: practice.id, role: 'admin' },
    });
    const clientInvite = await platform.bus.send(InviteClient, {
      actor: { userId: practice.adminId, practiceId: practice.id, role: 'admin' },
      clientId: '0190b1a2-7c1e-7d3f-8a2b-00000000c11e',
      name: 'Cara Client',
      email: 'cara@example.test',
    });
    expect(asAdmin.status).toBe(200);
    const accepted = await api.call('POST', `/invitations/${inviteTokenOf(clientInvite.inviteUrl)}/accept`, {
      body: { password: PASSWORD },
    });
    expect(accepted.status).toBe(200);
    const client = await login(api, 'cara@example.test', PASSWORD);
    expect(
      (await api.call('GET', `/practices/${practice.id}/staff`, { token: client.accessToken })).status,
    ).toBe(403);
  });

  it('answers 404 for every Identity path of another practice', async () => {
    const admin = await login(api, practice.adminEmail, PASSWORD);
    const asAdmin = (
      await api.call('POST', '/auth/switch-role', {
        token: admin.accessToken,
        body: { practiceId: practice.id, role: 'admin' },
      })
    ).body['accessToken'] as string;
    const paths: Array<[string, string, unknown?]> = [
      ['GET', `/practices/${other.id}/staff`],
      [
        'POST',
        `/practices/${other.id}/staff`,
        { name: 'Mallory', email: 'mallory@birch.test', roles: ['admin'] },
      ],
      ['PUT', `/practices/${other.id}/staff/${practice.adminId}/roles`, { roles: ['admin'] }],
      ['PUT', `/practices/${other.id}/security`, { requireMfa: false }],
    ];
    for (const [method, path, body] of paths) {
      const response = await api.call(method, path, { token: asAdmin, body });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
  });

  it.each([
    ['missing fields', '/practices', {}, ['admin', 'practiceName']],
    [
      'wrong types',
      '/practices',
      { practiceName: 42, admin: { name: ['x'], email: true, password: 1 } },
      ['admin.email', 'admin.name', 'admin.password', 'practiceName'],
    ],
    [
      'a 10 KB name',
      '/practices',
      { practiceName: 'x'.repeat(10_240), admin: { name: 'A', email: 'a@b.test', password: PASSWORD } },
      ['practiceName'],
    ],
    [
      'an email with a NUL and a right-to-left override',
      '/practices',
      { practiceName: 'Rx', admin: { name: 'A', email: 'a\u0000\u202e@b.test', password: PASSWORD } },
      ['admin.email'],
    ],
    ['a 10 KB password', '/auth/login', { email: 'a@b.test', password: 'p'.repeat(10_240) }, ['password']],
    ['a login without a password', '/auth/login', { email: 'a@b.test' }, ['password']],
    ['a malformed TOTP', '/auth/login', { email: 'a@b.test', password: PASSWORD, totp: '12ab56' }, ['totp']],
  ])('answers %s with 400 naming the fields', async (_name, path, body, fields) => {
    const response = await api.call('POST', path, { body, ip: '198.51.100.99' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    const paths = (response.body['errors'] as Array<{ path: string }>).map((error) => error.path);
    expect([...new Set(paths)].sort()).toEqual(fields);
  });

  it('accepts unicode where it is text: a name in another script signs up fine', async () => {
    const response = await api.call('POST', '/practices', {
      body: {
        practiceName: 'Клиника «Берёза» 🌳',
        admin: { name: '佐藤 花子', email: 'hanako@example.test', password: 'これは長い合言葉です１２' },
      },
    });
    expect(response.status).toBe(201);
  });

  describe('access tokens', () => {
    async function realSigningKey(): Promise<{ kid: string; jwk: JWK }> {
      const client = new PgClient({ connectionString: platform.databases.identity!.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ kid: string; private_jwk: string }>(
          'SELECT kid, private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
        );
        const row = rows[0]!;
        const ring = keyRing(new Map([['t1', platform.kek]]));
        return { kid: row.kid, jwk: JSON.parse(openText(ring, row.private_jwk, row.kid)) as JWK };
      } finally {
        await client.end();
      }
    }

    async function forge(claims: Record<string, unknown>, expiresIn = '15m'): Promise<string> {
      const { kid, jwk } = await realSigningKey();
      return new SignJWT({
        iss: ACCESS_TOKEN_ISSUER,
        aud: ACCESS_TOKEN_AUDIENCE,
        sub: practice.adminId,
        sid: '0190b1a2-7c1e-7d3f-8a2b-0000000005e5',
        pid: practice.id,
        roles: ['admin', 'provider'],
        role: 'admin',
        ...claims,
      })
        .setProtectedHeader({ alg: 'EdDSA', kid })
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(await importJWK(jwk, 'EdDSA'));
    }

    it('accepts a token signed with identity’s key (the forging helper is sound)', async () => {
      expect((await api.call('GET', '/fixture/whoami', { token: await forge({}) })).status).toBe(200);
    });

    it.each([
      [
        'alg: none',
        () =>
          Promise.resolve(
            new UnsecuredJWT({ sub: practice.adminId, pid: practice.id, role: 'admin' })
              .setIssuer(ACCESS_TOKEN_ISSUER)
              .setAudience(ACCESS_TOKEN_AUDIENCE)
              .encode(),
          ),
      ],
      [
        'a tampered payload',
        async () => {
          const [header, , signature] = (await forge({ role: 'provider' })).split('.');
          const payload = Buffer.from(
            JSON.stringify({ sub: practice.adminId, pid: practice.id, role: 'admin' }),
          ).toString('base64url');
          return `${header}.${payload}.${signature}`;
        },
      ],
      [
        'a token signed with another key under identity’s key id',
        async () => {
          const { kid } = await realSigningKey();
          const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
          return new SignJWT({
            sid: '0190b1a2-7c1e-7d3f-8a2b-0000000005e5',
            pid: practice.id,
            roles: ['admin'],
            role: 'admin',
          })
            .setProtectedHeader({ alg: 'EdDSA', kid })
            .setSubject(practice.adminId)
            .setIssuer(ACCESS_TOKEN_ISSUER)
            .setAudience(ACCESS_TOKEN_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('15m')
            .sign(privateKey);
        },
      ],
      ['another audience', () => forge({ aud: 'somebody-else' })],
      ['expired', () => forge({}, '-5s')],
    ])('refuses %s with 401', async (_name, token) => {
      const response = await api.call('GET', '/fixture/whoami', { token: await token() });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    });

    it('refuses a request without a token with 401', async () => {
      expect((await api.call('GET', '/me')).status).toBe(401);
    });
  });

  it('enrols a staff member in MFA; then login needs a code, and a recovery code works once', async () => {
    const session = await login(api, staff.email, PASSWORD);
    const started = await api.call('POST', '/me/mfa/totp', { token: session.accessToken });
    expect(started.status).toBe(200);
    const secret = started.body['secret'] as string;
    expect(started.body['otpauthUrl']).toMatch(/^otpauth:\/\/totp\//);

    const wrong = await api.call('POST', '/me/mfa/totp/confirm', {
      token: session.accessToken,
      body: { code: '000000' },
    });
    expect(wrong.status).toBe(400);
    const confirmed = await api.call('POST', '/me/mfa/totp/confirm', {
      token: session.accessToken,
      body: { code: generateSync({ secret }) },
    });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body['recoveryCodes'] as string[];
    expect(recoveryCodes).toHaveLength(10);

    const withoutCode = await api.call('POST', '/auth/login', {
      body: { email: staff.email, password: PASSWORD },
    });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body).toMatchObject({ mfa: 'required' });
    // Each code is good once (RFC 6238 §5.2): the enrolment spent this step's, so use the next step's.
    await login(api, staff.email, PASSWORD, {
      totp: generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }),
    });
    await login(api, staff.email, PASSWORD, { recoveryCode: recoveryCodes[0]! });
    const spent = await api.call('POST', '/auth/login', {
      body: { email: staff.email, password: PASSWORD, recoveryCode: recoveryCodes[0]! },
    });
    expect(spent.status).toBe(401);
  });

  it('verifies tokens without calling identity: a signed-in request works while identity is down', async () => {
    const session = await login(api, practice.adminEmail, PASSWORD);
    await platform.stop('identity');
    try {
      const whoami = await api.call('GET', '/fixture/whoami', { token: session.accessToken });
      expect(whoami.status).toBe(200);
      expect((await api.call('GET', '/me', { token: session.accessToken })).status).toBe(503);
    } finally {
      await platform.start('identity');
    }
  });

  it('locks an account after repeated failures without revealing whether it exists, and an address after many', async () => {
    const ip = '203.0.113.7';
    const attempt = (email: string, password: string, from = ip) =>
      api.call('POST', '/auth/login', { body: { email, password }, ip: from });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      known.push((await attempt(other.adminEmail, 'wrong-password-here', '203.0.113.8')).status);
      unknown.push((await attempt('nobody@nowhere.test', 'wrong-password-here', '203.0.113.9')).status);
    }
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    // Locked means locked: the right password does not get in either, for now.
    const locked = await attempt(other.adminEmail, PASSWORD, '203.0.113.10');
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      type: 'urn:arbor:problem:rate_limited',
      retryAfterSeconds: expect.any(Number),
    });

    // One address spraying many accounts is stopped too.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1)
      statuses.push((await attempt(`spray${i}@nowhere.test`, 'wrong-password-here')).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
