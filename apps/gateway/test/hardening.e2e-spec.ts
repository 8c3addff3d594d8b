// Real: the built identity app as its own process, the gateway application in this process (and
// more gateways beside it, sharing its Redis), RabbitMQ, PostgreSQL and Redis; requests over HTTP.
// Faked: one fixture route that echoes its JSON body, to show what the gateway hands a handler;
// an unreachable Redis (a closed port) for the fail-open case.
import { randomBytes } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { Registry } from 'prom-client';
import { Public } from '@arbor/auth';
import { checkReadiness, createLogger } from '@arbor/observability';
import { createGatewayApp, type GatewayApp } from '../src/gateway.app';
import type { GatewayConfig } from '../src/gateway.config';
import {
  apiClient,
  inviteProvider,
  login,
  refreshCookieFrom,
  signUpAsAdmin,
  WEB_ORIGIN,
  type Client,
} from './identity-helpers';
import { startPlatform, type Platform } from './platform';

@Controller('api/v1/fixture')
@Public()
class EchoController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return { received: body };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const PASSWORD = 'larch-needles-in-autumn';
/** Written into paths, headers and bodies: no error body may carry it back. */
const MARKER = 'zq7probe';

interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

describe('gateway hardening', () => {
  let platform: Platform;
  let api: Client;
  let base: string;
  const admin = { practiceId: '', userId: '', adminToken: '' };
  const otherAdmin = { practiceId: '', userId: '', adminToken: '' };

  /** A request as any HTTP client may send it: no Origin unless given, nothing checked for us. */
  async function raw(method: string, path: string, init: RequestInit = {}): Promise<RawAnswer> {
    const response = await fetch(`${base}${path}`, { method, ...init });
    const text = await response.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON: the assertions on `text` and the content type say so
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Another gateway replica on the same bus and Redis; closed when `use` ends. */
  async function withGateway<T>(
    overrides: Partial<GatewayConfig>,
    use: (client: Client, gateway: GatewayApp) => Promise<T>,
    options: { registry?: Registry; logLines?: string[] } = {},
  ): Promise<T> {
    const logLines = options.logLines;
    const gateway = await createGatewayApp(
      { ...platform.gatewayConfig, ...overrides },
      {
        ...(options.registry ? { registry: options.registry } : {}),
        ...(logLines
          ? { logger: createLogger('gateway', 'warn', { write: (line: string) => void logLines.push(line) }) }
          : {}),
      },
    );
    try {
      await gateway.app.listen({ port: 0, host: '127.0.0.1' });
      return await use(apiClient((await gateway.app.getUrl()).replace('[::1]', '127.0.0.1')), gateway);
    } finally {
      await gateway.close();
    }
  }

  const freshNamespace = (label: string) => `${platform.gatewayConfig.rateLimitNamespace}-${label}`;
  const freshIp = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

  beforeAll(async () => {
    platform = await startPlatform('hardening', ['identity'], { modules: [EchoModule] });
    api = platform.api;
    base = api.base;
    Object.assign(admin, await signUpAsAdmin(api, 'Larch Practice', 'lena@larch.test', PASSWORD));
    Object.assign(otherAdmin, await signUpAsAdmin(api, 'Rowan Practice', 'ravi@rowan.test', PASSWORD));
  });

  afterAll(() => platform?.close());

  describe('errors HTTP itself answers', () => {
    const probes: Array<{ name: string; status: number; send: () => Promise<RawAnswer> }> = [
      { name: 'unknown route', status: 404, send: () => raw('GET', `/api/v1/${MARKER}/nothing`) },
      { name: 'wrong method', status: 405, send: () => raw('DELETE', '/api/v1/auth/login') },
      {
        name: 'body too large',
        status: 413,
        send: () =>
          raw('POST', '/api/v1/fixture/echo', {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ [MARKER]: MARKER.repeat(200_000) }),
          }),
      },
      {
        name: 'path parameter too long',
        status: 414,
        send: () => raw('POST', `/api/v1/invitations/${MARKER}${'a'.repeat(300)}/accept`),
      },
      {
        name: 'unsupported media type',
        status: 415,
        send: () =>
          raw('POST', '/api/v1/fixture/echo', {
            headers: { 'content-type': `text/${MARKER}` },
            body: MARKER,
          }),
      },
      {
        name: 'JSON in another charset',
        status: 415,
        send: () =>
          raw('POST', '/api/v1/fixture/echo', {
            headers: { 'content-type': `application/json; charset=${MARKER}` },
            body: `{"${MARKER}":1}`,
          }),
      },
      {
        name: 'malformed JSON',
        status: 400,
        send: () =>
          raw('POST', '/api/v1/fixture/echo', {
            headers: { 'content-type': 'application/json' },
            // V8 quotes the text around a bad token in its message.
            body: `{"${MARKER}": ${MARKER}}`,
          }),
      },
      {
        name: 'malformed URL encoding',
        status: 400,
        send: () => raw('POST', `/api/v1/invitations/${MARKER}%E0%A4%A/accept`),
      },
    ];

    it.each(probes)(
      'answers $name with $status problem+json that echoes nothing of the request',
      async (probe) => {
        const answer = await probe.send();
        expect(answer.status).toBe(probe.status);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.text).not.toContain(MARKER);
        expect(answer.text).not.toMatch(/\/api\/v1|at .*\.(js|ts):\d+/);
        const requestId = answer.headers.get('x-request-id');
        expect(answer.json).toMatchObject({
          status: probe.status,
          detail: expect.any(String),
          instance: `urn:arbor:request:${requestId}`,
          requestId,
        });
      },
    );

    it('names the methods a known path has when asked with another', async () => {
      const answer = await raw('PUT', '/api/v1/auth/login');
      expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'POST']);
      expect(answer.json).toMatchObject({ title: 'Method not allowed' });
    });

    it('answers headers too large for HTTP with a 431 problem', async () => {
      const answer = await raw('GET', '/api/v1/health', {
        headers: { [`x-${MARKER}`]: MARKER.repeat(3000) },
      });
      expect(answer.status).toBe(431);
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(answer.text).not.toContain(MARKER);
    });
  });

  describe('JSON bodies', () => {
    const echo = (body: Buffer | string, contentType = 'application/json') =>
      raw('POST', '/api/v1/fixture/echo', { headers: { 'content-type': contentType }, body });

    it('hands a handler UTF-8 text exactly as sent', async () => {
      const answer = await echo(JSON.stringify({ name: 'Zoë 🌳 Łódź' }), 'application/json; charset=UTF-8');
      expect([answer.status, answer.json]).toEqual([200, { received: { name: 'Zoë 🌳 Łódź' } }]);
    });

    it('refuses bytes that are not UTF-8 instead of storing U+FFFD', async () => {
      const bytes = Buffer.concat([Buffer.from('{"name":"Zo'), Buffer.from([0xeb]), Buffer.from('"}')]);
      const answer = await echo(bytes);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        type: 'urn:arbor:problem:validation_failed',
        detail: 'the body is not valid UTF-8',
      });
    });

    it('refuses JSON declared in another charset, and form bodies any site could post', async () => {
      const utf16 = await echo(Buffer.from('{"name":"x"}', 'utf16le'), 'application/json; charset=utf-16');
      expect(utf16.status).toBe(415);
      const form = await echo('name=x', 'application/x-www-form-urlencoded');
      expect(form.status).toBe(415);
      const text = await echo('{"name":"x"}', 'text/plain');
      expect(text.status).toBe(415);
    });
  });

  describe('the refresh-token cookie', () => {
    const withCookie = (cookie: string, headers: Record<string, string> = {}) => ({
      headers: { cookie, 'x-forwarded-for': '198.51.100.40', ...headers },
    });

    it('is used only by requests from the web app: a foreign Origin, or none, is a 403 that spends nothing', async () => {
      const session = await login(api, 'lena@larch.test', PASSWORD);
      const foreign = await raw(
        'POST',
        '/api/v1/auth/refresh',
        withCookie(session.refreshCookie, { origin: 'https://evil.test' }),
      );
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(foreign.headers.getSetCookie()).toEqual([]);
      const lookAlike = await raw(
        'POST',
        '/api/v1/auth/refresh',
        withCookie(session.refreshCookie, { origin: `${WEB_ORIGIN}.evil.test` }),
      );
      expect(lookAlike.status).toBe(403);
      const anonymous = await raw('POST', '/api/v1/auth/refresh', withCookie(session.refreshCookie));
      expect(anonymous.status).toBe(403);
      const foreignLogout = await raw(
        'POST',
        '/api/v1/auth/logout',
        withCookie(session.refreshCookie, { origin: 'https://evil.test' }),
      );
      expect(foreignLogout.status).toBe(403);

      // Had any of those used the cookie, it would be spent (or the session ended) and this a 401.
      const fromApp = await raw(
        'POST',
        '/api/v1/auth/refresh',
        withCookie(session.refreshCookie, { referer: `${WEB_ORIGIN}/settings` }),
      );
      expect(fromApp.status).toBe(200);
      const out = await api.call('POST', '/auth/logout', { cookie: refreshCookieFrom(fromApp.headers) });
      expect(out.status).toBe(204);
    });
  });

  describe('caching', () => {
    const expectNoStore = (what: string, headers: Headers) =>
      expect([what, headers.get('cache-control'), headers.get('pragma')]).toEqual([
        what,
        'no-store',
        'no-cache',
      ]);

    it('never lets a token response, or any API answer, be cached', async () => {
      const signUp = await api.call('POST', '/practices', {
        body: {
          practiceName: 'Aspen Practice',
          admin: { name: 'Ari', email: 'ari@aspen.test', password: PASSWORD },
        },
      });
      expect(signUp.status).toBe(201);
      expectNoStore('sign-up', signUp.headers);

      const signIn = await api.call('POST', '/auth/login', {
        body: { email: 'ari@aspen.test', password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
      expectNoStore('login', signIn.headers);
      const token = signIn.body['accessToken'] as string;

      const refreshed = await api.call('POST', '/auth/refresh', {
        cookie: refreshCookieFrom(signIn.headers),
      });
      expect(refreshed.status).toBe(200);
      expectNoStore('refresh', refreshed.headers);

      const practiceId = (signUp.body['practice'] as { id: string }).id;
      const switched = await api.call('POST', '/auth/switch-role', {
        token,
        body: { practiceId, role: 'admin' },
      });
      expect(switched.status).toBe(200);
      expectNoStore('switch-role', switched.headers);

      const mfa = await api.call('POST', '/me/mfa/totp', { token });
      expect(mfa.status).toBe(200);
      expectNoStore('MFA enrolment', mfa.headers);

      const me = await api.call('GET', '/me', { token });
      expect(me.status).toBe(200);
      expectNoStore('me', me.headers);
    });

    it('sends no-store on invitation acceptance, and leaves the docs assets cacheable', async () => {
      const invited = await api.call('POST', `/practices/${admin.practiceId}/staff`, {
        token: admin.adminToken,
        body: { name: 'Ines', email: 'ines@larch.test', roles: ['provider'] },
      });
      expect(invited.status).toBe(201);
      const token = /\/invitations\/([A-Za-z0-9_-]+)$/.exec(invited.body['inviteUrl'] as string)?.[1];
      const accepted = await api.call('POST', `/invitations/${token}/accept`, {
        body: { password: PASSWORD },
      });
      expect(accepted.status).toBe(200);
      expectNoStore('invitation', accepted.headers);

      const asset = await raw('GET', '/api/docs/swagger-ui.css');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control') ?? '').not.toMatch(/no-store/);
      expect(asset.headers.get('pragma')).toBeNull();
    });
  });

  describe('health', () => {
    it('tells the public only that Arbor is up', async () => {
      const answer = await api.call('GET', '/health');
      expect([answer.status, answer.body]).toEqual([200, { status: 'up' }]);
      expect(JSON.stringify(answer.body)).not.toContain('identity');
    });

    it('shows each service to an Admin only', async () => {
      expect((await api.call('GET', '/health/services')).status).toBe(401);
      const provider = await inviteProvider(api, admin, {
        name: 'Paz',
        email: 'paz@larch.test',
        password: PASSWORD,
      });
      expect((await api.call('GET', '/health/services', { token: provider.accessToken })).status).toBe(403);
      const detail = await api.call('GET', '/health/services', { token: admin.adminToken });
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ ready: true, services: { identity: { ready: true } } });
    });
  });

  describe('rate limits', () => {
    it('shares one budget between gateway replicas, through Redis, and says when to retry', async () => {
      const config = { rateLimitPerMinute: 4, rateLimitNamespace: freshNamespace('shared') };
      const ip = freshIp();
      await withGateway(config, (first) =>
        withGateway(config, async (second) => {
          const statuses: number[] = [];
          for (const client of [first, first, second, second]) {
            statuses.push((await client.call('GET', '/health', { ip })).status);
          }
          const limitedHere = await first.call('GET', '/health', { ip });
          const limitedThere = await second.call('GET', '/health', { ip });
          expect([...statuses, limitedHere.status, limitedThere.status]).toEqual([
            200, 200, 200, 200, 429, 429,
          ]);
          const retryAfter = Number(limitedThere.headers.get('retry-after'));
          expect(retryAfter).toBeGreaterThanOrEqual(1);
          expect(retryAfter).toBeLessThanOrEqual(60);
          expect(limitedThere.body).toMatchObject({
            type: 'urn:arbor:problem:rate_limited',
            retryAfterSeconds: retryAfter,
          });
        }),
      );
    });

    it('gives each signed-in person behind one address their own budget, and forged tokens none', async () => {
      await withGateway(
        { rateLimitPerMinute: 3, rateLimitNamespace: freshNamespace('people') },
        async (client) => {
          const ip = freshIp();
          const me = (token: string, from = ip) => client.call('GET', '/me', { token, ip: from });
          const first: number[] = [];
          for (let i = 0; i < 4; i += 1) first.push((await me(admin.adminToken)).status);
          expect(first).toEqual([200, 200, 200, 429]);
          expect((await me(otherAdmin.adminToken)).status).toBe(200);

          // Each forged token names another subject: were it trusted, each would get a budget.
          const forgedFrom = freshIp();
          const forged: number[] = [];
          for (let i = 0; i < 4; i += 1) {
            const claims = Buffer.from(JSON.stringify({ sub: randomBytes(8).toString('hex') })).toString(
              'base64url',
            );
            forged.push((await me(`eyJhbGciOiJFZERTQSJ9.${claims}.c2ln`, forgedFrom)).status);
          }
          expect(forged).toEqual([401, 401, 401, 429]);
        },
      );
    });

    it('limits the anonymous sign-in route per address, a token or not', async () => {
      await withGateway(
        { signInRateLimitPerMinute: 2, rateLimitNamespace: freshNamespace('sign-in') },
        async (client) => {
          const ip = freshIp();
          const attempt = (email: string, from = ip, token?: string) =>
            client.call('POST', '/auth/login', {
              body: { email, password: 'not-the-password-at-all' },
              ip: from,
              ...(token ? { token } : {}),
            });
          expect((await attempt('nobody-1@larch.test')).status).toBe(401);
          expect((await attempt('nobody-2@larch.test', ip, admin.adminToken)).status).toBe(401);
          const limited = await attempt('nobody-3@larch.test', ip, admin.adminToken);
          expect(limited.status).toBe(429);
          expect(limited.body['detail']).toMatch(/more than 2 requests in a minute/);
          expect((await attempt('nobody-4@larch.test', freshIp())).status).toBe(401);
          // The rest of the API keeps its own, larger budget for the same address.
          expect((await client.call('GET', '/health', { ip })).status).toBe(200);
        },
      );
    });

    it('lets requests through while Redis is away, warning once and counting, and readiness says so', async () => {
      const registry = new Registry();
      const logLines: string[] = [];
      await withGateway(
        {
          rateLimitPerMinute: 1,
          redisUrl: 'redis://127.0.0.1:1',
          rateLimitNamespace: freshNamespace('away'),
        },
        async (client, gateway) => {
          const ip = freshIp();
          const statuses: number[] = [];
          for (let i = 0; i < 3; i += 1) statuses.push((await client.call('GET', '/health', { ip })).status);
          expect(statuses).toEqual([200, 200, 200]);
          const errors = (await registry.getSingleMetric('arbor_rate_limit_store_errors_total')?.get())
            ?.values;
          expect(errors?.[0]?.value).toBeGreaterThanOrEqual(3);
          const warnings = logLines.filter((line) => line.includes('rate limit counters unreachable'));
          expect(warnings).toHaveLength(1);
          const readiness = await checkReadiness(gateway.checks);
          expect(readiness).toMatchObject({
            ready: false,
            checks: { broker: { state: 'up' }, redis: { state: 'down' } },
          });
        },
        { registry, logLines },
      );
    });
  });

  describe('Retry-After', () => {
    it('carries identity’s lockout wait on a 429', async () => {
      const ip = freshIp();
      const statuses: number[] = [];
      let last: Awaited<ReturnType<Client['call']>> | undefined;
      for (let i = 0; i < 6; i += 1) {
        last = await api.call('POST', '/auth/login', {
          body: { email: 'locked-out@larch.test', password: 'not-the-password-at-all' },
          ip,
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const wait = last!.body['retryAfterSeconds'];
      expect(wait).toEqual(expect.any(Number));
      expect(last!.headers.get('retry-after')).toBe(String(wait));
    });

    it('answers 503 with a short Retry-After, naming no service, while a service is away', async () => {
      await platform.stop('identity');
      try {
        const answer = await api.call('POST', '/auth/login', {
          body: { email: 'lena@larch.test', password: PASSWORD },
          ip: freshIp(),
        });
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(answer.body).toMatchObject({ status: 503, retryAfterSeconds: 5 });
        expect(JSON.stringify(answer.body)).not.toContain('identity');
        const health = await api.call('GET', '/health');
        expect([health.status, health.headers.get('retry-after')]).toEqual([503, '5']);
        expect(JSON.stringify(health.body)).not.toContain('identity');
      } finally {
        await platform.start('identity');
      }
    });
  });
});
