// Real: identity and payments as built apps in their own processes (PostgreSQL behind each), the
// processor sandbox, the gateway in this process, RabbitMQ. Faked: nothing.
// The HTTP contracts end to end: pages and their cursors, text PostgreSQL would refuse, numbers
// out of range, and the operations no other spec calls successfully.
import { inviteProvider, login, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const ELAVON = { merchantId: '0017340', userId: 'webpage', pin: 'PINsecret000000000001' };

type Page = { items: Array<Record<string, unknown>>; nextCursor: string | null };

describe('HTTP contracts through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '', adminEmail: 'ada@maple.test' };

  /** The fields a 400 names (once each: a field may break more than one rule). */
  function errorPaths(body: Record<string, unknown>): string[] {
    return [...new Set((body['errors'] as Array<{ path: string }>).map((error) => error.path))];
  }

  /** Every page of a list, following `nextCursor`, `limit` at a time. */
  async function allPages(path: string, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await platform.api.call('GET', `${path}${query}`, { token: maple.adminToken });
      expect(response.status).toBe(200);
      const page = response.body as unknown as Page;
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  }

  beforeAll(async () => {
    platform = await startPlatform('contracts', ['identity', 'payments']);
    const signedUp = await signUpAsAdmin(platform.api, 'Maple Counselling', maple.adminEmail, PASSWORD);
    Object.assign(maple, { id: signedUp.practiceId, adminToken: signedUp.adminToken });
    for (const name of ['Cleo', 'Bea', 'Dan']) {
      await inviteProvider(
        platform.api,
        { practiceId: maple.id, adminToken: maple.adminToken },
        { name, email: `${name.toLowerCase()}@maple.test`, password: PASSWORD },
      );
    }
  });

  afterAll(() => platform?.close());

  describe('pages', () => {
    it('walks the staff a page at a time, by name, each member once, ending with a null cursor', async () => {
      const pages = await allPages(`/practices/${maple.id}/staff`, 1);
      expect(pages.map((page) => page.items.length)).toEqual([1, 1, 1, 1]);
      expect(pages.flatMap((page) => page.items.map((member) => member['name']))).toEqual([
        'Admin',
        'Bea',
        'Cleo',
        'Dan',
      ]);
      expect(pages.at(-1)?.nextCursor).toBeNull();
      const whole = await allPages(`/practices/${maple.id}/staff`, 50);
      expect(whole).toHaveLength(1);
      expect(whole[0]?.items).toHaveLength(4);
    });

    it('walks the processor accounts a page at a time, oldest first', async () => {
      const ids: string[] = [];
      for (const description of ['First', 'Second', 'Third']) {
        const created = await platform.api.call('POST', `/practices/${maple.id}/payment-processors`, {
          token: maple.adminToken,
          body: { description, type: 'elavon', credentials: ELAVON },
        });
        expect(created.status).toBe(201);
        ids.push(created.body['id'] as string);
      }
      const pages = await allPages(`/practices/${maple.id}/payment-processors`, 2);
      expect(pages.map((page) => page.items.map((account) => account['id']))).toEqual([
        ids.slice(0, 2),
        ids.slice(2),
      ]);
    });

    it.each([
      ['limit 0', '?limit=0', ['limit']],
      ['limit 101', '?limit=101', ['limit']],
      ['a fractional limit', '?limit=2.5', ['limit']],
      ['a limit that is no number', '?limit=ten', ['limit']],
      ['a cursor that is not base64url', '?cursor=%21%21%21', ['cursor']],
      [
        'a tampered cursor',
        `?cursor=${Buffer.from('{"v":1,"l":"identity.staff","k":{"userId":"x"}}').toString('base64url')}`,
        ['cursor'],
      ],
      ['a cursor with a NUL', '?cursor=ab%00cd', ['cursor']],
    ])('answers %s with 400 naming it', async (_name, query, fields) => {
      const response = await platform.api.call('GET', `/practices/${maple.id}/staff${query}`, {
        token: maple.adminToken,
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(fields);
    });

    it('refuses another list’s cursor (400 naming cursor), never a 500', async () => {
      const processors = await platform.api.call('GET', `/practices/${maple.id}/payment-processors?limit=1`, {
        token: maple.adminToken,
      });
      const foreign = (processors.body as unknown as Page).nextCursor;
      expect(foreign).toEqual(expect.any(String));
      const response = await platform.api.call(
        'GET',
        `/practices/${maple.id}/staff?cursor=${encodeURIComponent(foreign!)}`,
        { token: maple.adminToken },
      );
      expect([response.status, errorPaths(response.body)]).toEqual([400, ['cursor']]);
    });
  });

  describe('text and numbers a database would refuse', () => {
    it.each([
      [
        'a NUL in a processor description',
        'payment-processors',
        'POST',
        { description: 'a\u0000b', type: 'elavon', credentials: ELAVON },
        ['description'],
      ],
      [
        'a lone surrogate in a processor description',
        'payment-processors',
        'POST',
        { description: 'a\uD800b', type: 'elavon', credentials: ELAVON },
        ['description'],
      ],
      [
        'a NUL in a staff name',
        'staff',
        'POST',
        { name: 'Eve\u0000', email: 'eve@maple.test', roles: ['provider'] },
        ['name'],
      ],
      [
        'a lone surrogate in a staff name',
        'staff',
        'POST',
        { name: '\uDC00Eve', email: 'eve@maple.test', roles: ['provider'] },
        ['name'],
      ],
      [
        'a rate of 1e-320 percent',
        'sales-tax',
        'PUT',
        { mode: 'flat', ratePercent: 1e-320, pricesIncludeTax: false },
        ['ratePercent'],
      ],
      [
        'a rate of 1e308 percent',
        'sales-tax',
        'PUT',
        { mode: 'flat', ratePercent: 1e308, pricesIncludeTax: false },
        ['ratePercent'],
      ],
      [
        'a rate of 0.1 + 0.2 percent',
        'sales-tax',
        'PUT',
        { mode: 'flat', ratePercent: 0.1 + 0.2, pricesIncludeTax: false },
        ['ratePercent'],
      ],
    ])('answers %s with 400 naming the field', async (_name, resource, method, body, fields) => {
      const response = await platform.api.call(method, `/practices/${maple.id}/${resource}`, {
        token: maple.adminToken,
        body,
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(fields);
    });
  });

  describe('the operations no other spec calls successfully', () => {
    it('changes a processor account and removes it', async () => {
      const created = await platform.api.call('POST', `/practices/${maple.id}/payment-processors`, {
        token: maple.adminToken,
        body: { description: 'To change', type: 'elavon', credentials: ELAVON },
      });
      const id = created.body['id'] as string;
      const changed = await platform.api.call('PATCH', `/practices/${maple.id}/payment-processors/${id}`, {
        token: maple.adminToken,
        body: { description: 'Changed', active: true },
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ id, description: 'Changed', active: true });
      const removed = await platform.api.call('DELETE', `/practices/${maple.id}/payment-processors/${id}`, {
        token: maple.adminToken,
      });
      expect(removed.status).toBe(204);
      const again = await platform.api.call('DELETE', `/practices/${maple.id}/payment-processors/${id}`, {
        token: maple.adminToken,
      });
      expect(again.status).toBe(404);
    });

    it('sets the practice’s MFA requirement', async () => {
      const response = await platform.api.call('PUT', `/practices/${maple.id}/security`, {
        token: maple.adminToken,
        body: { requireMfa: false },
      });
      expect([response.status, response.body]).toEqual([200, { requireMfa: false }]);
    });

    it('changes a password: the old one stops working, the new one signs in', async () => {
      const session = await login(platform.api, 'dan@maple.test', PASSWORD);
      const newPassword = 'pancakes-at-midnight-2026';
      const changed = await platform.api.call('POST', '/me/password', {
        token: session.accessToken,
        body: { currentPassword: PASSWORD, newPassword },
      });
      expect(changed.status).toBe(204);
      const old = await platform.api.call('POST', '/auth/login', {
        body: { email: 'dan@maple.test', password: PASSWORD },
      });
      expect(old.status).toBe(401);
      await login(platform.api, 'dan@maple.test', newPassword);
    });
  });
});
