// Real: the built identity app as its own process, the gateway in this process, RabbitMQ and
// PostgreSQL. Nothing faked: the browser is a cookie this test keeps, as a browser would.
// What a person would notice: a stranger who knows their email, or a colleague mistyping behind
// the clinic's shared address, cannot keep them out of the browser they always use.
import { type Client } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'juniper-tea-at-noon';

/** The `name=value` of the trusted-device cookie a sign-in set, checking how it is protected. */
function deviceCookieFrom(headers: Headers): string {
  const setCookie = headers.getSetCookie().find((cookie) => cookie.startsWith('arbor_device='));
  expect(setCookie).toMatch(/^arbor_device=dv_[A-Za-z0-9_-]{43};/);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/Secure/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  expect(setCookie).toMatch(/Path=\/api\/v1\/auth\/login(;|$)/);
  return setCookie!.split(';')[0]!;
}

describe('sign-in lockout through the gateway', () => {
  let platform: Platform;
  let api: Client;

  beforeAll(async () => {
    platform = await startPlatform('sign_in_lockout', ['identity']);
    api = platform.api;
  });

  afterAll(() => platform?.close());

  async function signUp(email: string): Promise<void> {
    const created = await api.call('POST', '/practices', {
      body: { practiceName: 'Juniper Therapy', admin: { name: 'Jun Admin', email, password: PASSWORD } },
    });
    expect(created.status).toBe(201);
  }

  it("lets the owner in from their usual browser while a stranger's failed sign-ins lock everyone else out", async () => {
    const email = 'jun@juniper.test';
    await signUp(email);
    const first = await api.call('POST', '/auth/login', {
      body: { email, password: PASSWORD },
      ip: '198.51.100.20',
    });
    expect(first.status).toBe(200);
    expect(first.body).not.toHaveProperty('deviceToken'); // only the httpOnly cookie carries it
    const ownersBrowser = deviceCookieFrom(first.headers);

    for (let i = 0; i < 5; i += 1) {
      const guess = await api.call('POST', '/auth/login', {
        body: { email, password: `stranger guess ${i}` },
        ip: '203.0.113.50',
      });
      expect(guess.status).toBe(401);
    }
    const strangerWithRightPassword = await api.call('POST', '/auth/login', {
      body: { email, password: PASSWORD },
      ip: '203.0.113.51',
    });
    expect(strangerWithRightPassword.status).toBe(429);
    expect(Number(strangerWithRightPassword.body['retryAfterSeconds'])).toBeGreaterThan(0);

    const owner = await api.call('POST', '/auth/login', {
      body: { email, password: PASSWORD },
      cookie: ownersBrowser,
      ip: '198.51.100.20',
    });
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ user: { email } });
    expect(deviceCookieFrom(owner.headers)).toBe(ownersBrowser);
  });

  it('lets staff with a known browser in from a shared address that failed sign-ins have locked', async () => {
    const email = 'kai@juniper.test';
    await signUp(email);
    const clinic = '192.0.2.77';
    const known = await api.call('POST', '/auth/login', { body: { email, password: PASSWORD }, ip: clinic });
    expect(known.status).toBe(200);
    const kaisBrowser = deviceCookieFrom(known.headers);

    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const typo = await api.call('POST', '/auth/login', {
        body: { email: `colleague${i}@juniper.test`, password: 'not quite right' },
        ip: clinic,
      });
      statuses.push(typo.status);
    }
    expect(statuses.at(-1)).toBe(429);

    const newBrowser = await api.call('POST', '/auth/login', {
      body: { email, password: PASSWORD },
      ip: clinic,
    });
    expect(newBrowser.status).toBe(429);
    const usualBrowser = await api.call('POST', '/auth/login', {
      body: { email, password: PASSWORD },
      cookie: kaisBrowser,
      ip: clinic,
    });
    expect(usualBrowser.status).toBe(200);
  });
});
