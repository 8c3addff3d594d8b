import { expect } from '@jest/globals';

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
    options?: { body?: unknown; token?: string; cookie?: string; ip?: string; rawBody?: string },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
}

export function apiClient(base: string): Client {
  return {
    base,
    async call(method, path, { body, token, cookie, ip = '198.51.100.1', rawBody } = {}) {
      const headers: Record<string, string> = { 'x-forwarded-for': ip };
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
      if (text) {
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
      }
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
