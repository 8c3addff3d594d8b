import { expect } from '@jest/globals';
import { contractChecker } from './contract-check';

type ContractCheck = ReturnType<typeof contractChecker>;

/** The web app's origin in tests: identity's invitation links and the gateway's allowed Origin. */
export const WEB_ORIGIN = 'https://arbor.test';

/** What a test keeps of a browser: the refresh cookie and the access token. */
export interface Session {
  accessToken: string;
  refreshCookie: string;
}

export interface Client {
  readonly base: string;
  /** Calls the API as a client at `ip` would (the test gateway trusts X-Forwarded-For). */
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      token?: string;
      cookie?: string;
      ip?: string;
      rawBody?: string;
      /** Sent as `Origin`, as the web app's browser would; `null` sends none. */
      origin?: string | null;
    },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

/**
 * Every answer is checked against its operation's contract (see `contract-check.ts`): a test
 * fails on an undocumented status or a body its documented schema does not describe.
 */
export function apiClient(base: string, check: ContractCheck = contractChecker()): Client {
  return {
    base,
    async call(
      method,
      path,
      { body, token, cookie, ip = '198.51.100.1', rawBody, origin = WEB_ORIGIN } = {},
    ) {
      const headers: Record<string, string> = { 'x-forwarded-for': ip };
      if (origin !== null) headers['origin'] = origin;
      if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
      if (token) headers['authorization'] = `Bearer ${token}`;
      if (cookie) headers['cookie'] = cookie;
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers,
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      let json: unknown = undefined;
      if (text) {
        try {
          json = JSON.parse(text) as unknown;
          parsed = json as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
      }
      check(method, path, {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text,
        body: json,
      });
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/** The `name=value` of the refresh cookie a response set, checking its protective attributes. */
export function refreshCookieFrom(headers: Headers): string {
  const setCookie = headers.getSetCookie().find((cookie) => cookie.startsWith('arbor_refresh='));
  expect(setCookie).toBeDefined();
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/Secure/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  expect(setCookie).toMatch(/Path=\/api\/v1\/auth/);
  return setCookie!.split(';')[0]!;
}

export async function login(
  client: Client,
  email: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<Session> {
  const response = await client.call('POST', '/auth/login', { body: { email, password, ...extra } });
  expect([response.status, response.body]).toEqual([
    200,
    expect.objectContaining({ accessToken: expect.any(String) }),
  ]);
  return {
    accessToken: response.body['accessToken'] as string,
    refreshCookie: refreshCookieFrom(response.headers),
  };
}

export function inviteTokenOf(inviteUrl: string): string {
  const token = /\/invitations\/([A-Za-z0-9_-]+)$/.exec(inviteUrl)?.[1];
  expect(token).toBeDefined();
  return token!;
}

/** Signs up a practice and answers its Admin's id and an access token acting as Admin. */
export async function signUpAsAdmin(
  client: Client,
  practiceName: string,
  email: string,
  password: string,
): Promise<{ practiceId: string; userId: string; adminToken: string }> {
  const created = await client.call('POST', '/practices', {
    body: { practiceName, admin: { name: 'Admin', email, password } },
  });
  expect(created.status).toBe(201);
  const practiceId = (created.body['practice'] as { id: string }).id;
  const session = await login(client, email, password);
  const switched = await client.call('POST', '/auth/switch-role', {
    token: session.accessToken,
    body: { practiceId, role: 'admin' },
  });
  expect(switched.status).toBe(200);
  return {
    practiceId,
    userId: (created.body['user'] as { id: string }).id,
    adminToken: switched.body['accessToken'] as string,
  };
}

/** An Admin invites a provider, who accepts and signs in: their id and access token. */
export async function inviteProvider(
  client: Client,
  admin: { practiceId: string; adminToken: string },
  person: { name: string; email: string; password: string },
): Promise<{ userId: string; accessToken: string }> {
  const invited = await client.call('POST', `/practices/${admin.practiceId}/staff`, {
    token: admin.adminToken,
    body: { name: person.name, email: person.email, roles: ['provider'] },
  });
  expect(invited.status).toBe(201);
  const accepted = await client.call(
    'POST',
    `/invitations/${inviteTokenOf(invited.body['inviteUrl'] as string)}/accept`,
    {
      body: { password: person.password },
    },
  );
  expect(accepted.status).toBe(200);
  return {
    userId: accepted.body['userId'] as string,
    accessToken: (await login(client, person.email, person.password)).accessToken,
  };
}
