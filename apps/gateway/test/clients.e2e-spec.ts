// Real: identity and client-records as built apps in their own processes, each on its own
// database; the gateway in this process; RabbitMQ (client-records learns the practice's
// providers from identity's membership events, and asks identity for the portal invitation).
// Faked: nothing.
import { assignProviders, createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const SOME_ID = '0190b1a2-7c1e-7d3f-8a2b-00000000beef';

type ClientView = { id: string; firstName: string; lastName: string; status: string; providerIds: string[] };
type Page = { items: ClientView[]; nextCursor: string | null };

describe('Clients through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminId: '', adminToken: '' };
  const pat = { userId: '', accessToken: '' };
  const sam = { userId: '', accessToken: '' };
  let birchAdminToken = '';

  const clientsPath = (suffix = '') => `/practices/${maple.id}/clients${suffix}`;

  async function list(token: string, query = ''): Promise<Page> {
    const response = await platform.api.call('GET', clientsPath(query), { token });
    expect(response.status).toBe(200);
    return response.body as unknown as Page;
  }

  const namesIn = (page: Page) => page.items.map((client) => `${client.firstName} ${client.lastName}`);

  beforeAll(async () => {
    platform = await startPlatform('clients', ['identity', 'client-records']);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: admin.practiceId, adminId: admin.userId, adminToken: admin.adminToken });
    Object.assign(
      pat,
      await inviteProvider(platform.api, admin, { name: 'Pat', email: 'pat@maple.test', password: PASSWORD }),
    );
    Object.assign(
      sam,
      await inviteProvider(platform.api, admin, { name: 'Sam', email: 'sam@maple.test', password: PASSWORD }),
    );
    birchAdminToken = (await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD))
      .adminToken;
  });

  afterAll(() => platform?.close());

  it('creates a client as a provider, who is assigned to them, with a portal invitation that signs the client in', async () => {
    const created = await createClient(platform.api, pat.accessToken, maple.id, {
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
      phone: '+1 (212) 555-0142',
      dateOfBirth: '1984-02-29',
      address: { line1: '1 Main St', city: 'Albany', state: 'ny', postalCode: '12207', country: 'us' },
    });
    expect(created).toMatchObject({
      practiceId: maple.id,
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
      dateOfBirth: '1984-02-29',
      address: { state: 'NY', country: 'US' },
      status: 'active',
      providerIds: [pat.userId],
      invitedAt: expect.any(String),
    });
    expect(created.portalInviteUrl).toMatch(/^https:\/\/arbor\.test\/invitations\//);
    const got = await platform.api.call('GET', clientsPath(`/${created.id}`), { token: pat.accessToken });
    expect([got.status, got.body['email']]).toEqual([200, 'alice@client.test']);

    await portalSignIn(platform.api, created.portalInviteUrl, 'alice@client.test', PASSWORD);
    // The portal account exists now: a second invitation is a conflict, not a second account.
    const again = await platform.api.call('POST', clientsPath(`/${created.id}/invitation`), {
      token: pat.accessToken,
    });
    expect(again.status).toBe(409);
  });

  it('sends a new invitation to a client who has not accepted the first', async () => {
    const created = await createClient(platform.api, maple.adminToken, maple.id, {
      firstName: 'Ivy',
      lastName: 'Invited',
      email: 'ivy@client.test',
    });
    const resent = await platform.api.call('POST', clientsPath(`/${created.id}/invitation`), {
      token: maple.adminToken,
    });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ clientId: created.id, portalInviteUrl: expect.any(String) });
    await portalSignIn(platform.api, resent.body['portalInviteUrl'] as string, 'ivy@client.test', PASSWORD);
  });

  it('refuses a second client with the same email (409), whatever its case', async () => {
    const response = await platform.api.call('POST', clientsPath(), {
      token: maple.adminToken,
      body: { firstName: 'Alice', lastName: 'Again', email: 'ALICE@client.test' },
    });
    expect(response.status).toBe(409);
  });

  it('finds clients by the start of a first or last name, and by exact email', async () => {
    await createClient(platform.api, maple.adminToken, maple.id, {
      firstName: 'Bob',
      lastName: 'Alison',
      email: 'bob@client.test',
    });
    await createClient(platform.api, maple.adminToken, maple.id, {
      firstName: 'Zoë',
      lastName: "O'Hara-Smithers",
      email: 'zoe@client.test',
    });
    expect(namesIn(await list(maple.adminToken, '?q=ali')).sort()).toEqual(['Alice Smith', 'Bob Alison']);
    expect(namesIn(await list(maple.adminToken, '?q=Smi')).sort()).toEqual([
      'Alice Smith',
      "Zoë O'Hara-Smithers",
    ]);
    expect(namesIn(await list(maple.adminToken, '?q=zoe'))).toEqual(["Zoë O'Hara-Smithers"]);
    // The middle of a name is no prefix of it.
    expect(namesIn(await list(maple.adminToken, '?q=mith'))).toEqual([]);
    expect(namesIn(await list(maple.adminToken, '?email=bob%40client.test'))).toEqual(['Bob Alison']);
    expect(namesIn(await list(maple.adminToken, '?email=bo%40client.test'))).toEqual([]);
  });

  it('shows a provider only the clients assigned to them (404 for the rest), and the Admin all', async () => {
    const samsClient = await createClient(platform.api, sam.accessToken, maple.id, {
      firstName: 'Carl',
      lastName: 'Carter',
      email: 'carl@client.test',
    });
    expect(namesIn(await list(pat.accessToken))).not.toContain('Carl Carter');
    expect(namesIn(await list(sam.accessToken))).toEqual(['Carl Carter']);
    expect(namesIn(await list(maple.adminToken))).toContain('Carl Carter');
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { phone: '+1 212 555 0100' }],
      ['POST', '/archive', undefined],
      ['POST', '/invitation', undefined],
    ] as const) {
      const response = await platform.api.call(method, clientsPath(`/${samsClient.id}${suffix}`), {
        token: pat.accessToken,
        body,
      });
      expect([method, suffix, response.status]).toEqual([method, suffix, 404]);
    }

    // The Admin hands the client to Pat: Pat sees them, Sam no longer does.
    await assignProviders(platform.api, maple.adminToken, maple.id, samsClient.id, [pat.userId]);
    expect(namesIn(await list(pat.accessToken))).toContain('Carl Carter');
    expect(namesIn(await list(sam.accessToken))).toEqual([]);
    expect(
      (await platform.api.call('GET', clientsPath(`/${samsClient.id}`), { token: sam.accessToken })).status,
    ).toBe(404);
  });

  it('lets only the Admin assign providers, and only providers of the practice', async () => {
    const client = (await list(maple.adminToken, '?email=carl%40client.test')).items[0]!;
    const asProvider = await platform.api.call('PUT', clientsPath(`/${client.id}/providers`), {
      token: pat.accessToken,
      body: { providerIds: [pat.userId] },
    });
    expect(asProvider.status).toBe(403);
    const stranger = await platform.api.call('PUT', clientsPath(`/${client.id}/providers`), {
      token: maple.adminToken,
      body: { providerIds: [pat.userId, SOME_ID] },
    });
    expect(stranger.status).toBe(400);
    expect((stranger.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual([
      'providerIds[1]',
    ]);
  });

  it('changes the Info section, null clearing a field', async () => {
    const client = (await list(maple.adminToken, '?email=alice%40client.test')).items[0]!;
    const changed = await platform.api.call('PATCH', clientsPath(`/${client.id}`), {
      token: pat.accessToken,
      body: { phone: null, lastName: 'Smith-Jones' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: null, lastName: 'Smith-Jones', dateOfBirth: '1984-02-29' });
    expect(namesIn(await list(maple.adminToken, '?q=jones'))).toEqual(['Alice Smith-Jones']);
    // Another client's email is taken: a conflict, and nothing changes.
    const taken = await platform.api.call('PATCH', clientsPath(`/${client.id}`), {
      token: maple.adminToken,
      body: { email: 'bob@client.test' },
    });
    expect(taken.status).toBe(409);
    expect(namesIn(await list(maple.adminToken, '?email=alice%40client.test'))).toEqual([
      'Alice Smith-Jones',
    ]);
  });

  it('archives a client out of the default list and restores them as they were', async () => {
    const client = (await list(maple.adminToken, '?email=bob%40client.test')).items[0]!;
    const archived = await platform.api.call('POST', clientsPath(`/${client.id}/archive`), {
      token: maple.adminToken,
    });
    expect([archived.status, archived.body['status']]).toEqual([200, 'archived']);
    expect(namesIn(await list(maple.adminToken))).not.toContain('Bob Alison');
    expect(namesIn(await list(maple.adminToken, '?status=archived'))).toEqual(['Bob Alison']);
    const got = await platform.api.call('GET', clientsPath(`/${client.id}`), { token: maple.adminToken });
    expect([got.status, got.body['status']]).toEqual([200, 'archived']);
    const restored = await platform.api.call('POST', clientsPath(`/${client.id}/restore`), {
      token: maple.adminToken,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'active', email: 'bob@client.test', lastName: 'Alison' });
    expect(namesIn(await list(maple.adminToken))).toContain('Bob Alison');
  });

  it('walks the clients a page at a time, newest first, each once, ending with a null cursor', async () => {
    const whole = await list(maple.adminToken, '?limit=100');
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(5);
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await list(maple.adminToken, query);
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    expect(pages.slice(0, -1).every((page) => page.items.length === 2)).toBe(true);
    expect(pages.flatMap((page) => page.items.map((client) => client.id))).toEqual(
      whole.items.map((client) => client.id),
    );
    // Ids are time-ordered: newest first is descending id order.
    const idsInOrder = whole.items.map((client) => client.id);
    expect(idsInOrder).toEqual([...idsInOrder].sort().reverse());
  });

  it('hides every client route of the practice from another practice (404)', async () => {
    const client = (await list(maple.adminToken, '?email=alice%40client.test')).items[0]!;
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['GET', `/${client.id}`, undefined],
      ['PATCH', `/${client.id}`, { phone: '+1 212 555 0100' }],
      ['PUT', `/${client.id}/providers`, { providerIds: [] }],
      ['POST', '', { firstName: 'Eve', lastName: 'Evil', email: 'eve@client.test' }],
    ] as const) {
      const response = await platform.api.call(method, clientsPath(suffix), { token: birchAdminToken, body });
      expect([method, suffix, response.status]).toEqual([method, suffix, 404]);
    }
  });

  it.each([
    ['an email that is no email', { firstName: 'A', lastName: 'B', email: 'not-an-email' }, ['email']],
    ['a missing last name', { firstName: 'A', email: 'a@client.test' }, ['lastName']],
    [
      'a date of birth that is no date',
      { firstName: 'A', lastName: 'B', email: 'a@client.test', dateOfBirth: '1984-02-30' },
      ['dateOfBirth'],
    ],
    [
      'a date of birth in the future',
      { firstName: 'A', lastName: 'B', email: 'a@client.test', dateOfBirth: '2999-01-01' },
      ['dateOfBirth'],
    ],
    [
      'a US address in no US state',
      {
        firstName: 'A',
        lastName: 'B',
        email: 'a@client.test',
        address: { line1: '1 Main St', city: 'X', state: 'ZZ', postalCode: '1', country: 'US' },
      },
      ['address.state'],
    ],
    [
      'a phone that is no phone',
      { firstName: 'A', lastName: 'B', email: 'a@client.test', phone: 'call me' },
      ['phone'],
    ],
    ['a NUL in a name', { firstName: 'A\u0000', lastName: 'B', email: 'a@client.test' }, ['firstName']],
  ])('answers %s with 400 naming the field', async (_name, body, fields) => {
    const response = await platform.api.call('POST', clientsPath(), { token: maple.adminToken, body });
    expect(response.status).toBe(400);
    expect([
      ...new Set((response.body['errors'] as Array<{ path: string }>).map((error) => error.path)),
    ]).toEqual(fields);
  });

  it('answers a malformed client id with 400 naming it, and an unknown one with 404', async () => {
    const malformed = await platform.api.call('GET', clientsPath('/not-a-uuid'), { token: maple.adminToken });
    expect(malformed.status).toBe(400);
    expect((malformed.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(['cid']);
    const unknown = await platform.api.call('GET', clientsPath(`/${SOME_ID}`), { token: maple.adminToken });
    expect(unknown.status).toBe(404);
  });
});
