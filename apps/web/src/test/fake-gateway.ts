import { vi } from 'vitest';
import type { AccessTokenClaims, HttpRoute } from '@arbor/contracts';

export interface GatewayRequest {
  readonly path: string;
  readonly method: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}
type Reply = { status: number; body?: unknown };
type Handler = { route: HttpRoute; reply: (request: GatewayRequest) => Reply | Promise<Reply> };

/** `{pid}` → `[^/]+`: a route's path as a pattern a request path is matched against. */
function patternOf(route: HttpRoute): RegExp {
  return new RegExp(`^${route.path.replace(/\{[A-Za-z0-9_]+\}/g, '[^/]+')}$`);
}

/**
 * A stand-in for the gateway in component tests: `fetch` answers each route with its handler,
 * records every request, and fails the test loudly for a request nobody expected.
 */
export function fakeGateway(handlers: Handler[]) {
  const requests: Array<GatewayRequest & { operationId: string }> = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://arbor.test');
    const method = init.method ?? 'GET';
    const handler = handlers.find(
      (candidate) => candidate.route.method === method && patternOf(candidate.route).test(url.pathname),
    );
    if (!handler) throw new Error(`unexpected request ${method} ${url.pathname}`);
    const request = {
      path: `${url.pathname}${url.search}`,
      method,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      headers: Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>)),
    };
    requests.push({ ...request, operationId: handler.route.operationId });
    const { status, body } = await handler.reply(request);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return { requests, fetch: fetchStub };
}

/** A problem+json body as the gateway writes it. */
export function problem(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
) {
  return { status, body: { type: `urn:arbor:problem:${code}`, title: code, status, detail, ...extensions } };
}

export const PRACTICE_ID = '01937a1e-0000-7000-8000-000000000001';
export const USER_ID = '01937a1e-0000-7000-8000-000000000002';

/** An unsigned token with these claims: the app reads claims, only the gateway verifies. */
export function accessTokenFor(claims: Partial<AccessTokenClaims> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const full: AccessTokenClaims = {
    iss: 'arbor',
    aud: 'arbor',
    sub: USER_ID,
    sid: '01937a1e-0000-7000-8000-000000000003',
    pid: PRACTICE_ID,
    roles: ['admin', 'provider'],
    role: 'admin',
    iat: now,
    exp: now + 900,
    ...claims,
  };
  const encode = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'EdDSA', kid: 'test' })}.${encode(full)}.signature`;
}
