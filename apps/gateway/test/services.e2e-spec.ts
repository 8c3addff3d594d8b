// Real: identity and service-enablement as built apps in their own processes, each with its own
// database; the gateway in this process; RabbitMQ carrying both the requests and the events
// (identity's membership events reach service-enablement through its outbox and relay).
// Faked: nothing.
import { eventually } from '@arbor/testing';
import { inviteProvider, login, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

describe('Services tab through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminId: '', adminToken: '', providerToken: '', providerId: '' };
  let birchAdminToken = '';

  beforeAll(async () => {
    platform = await startPlatform('services', ['identity', 'service-enablement']);
    const signedUp = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, {
      id: signedUp.practiceId,
      adminId: signedUp.userId,
      adminToken: signedUp.adminToken,
    });
    birchAdminToken = (await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD))
      .adminToken;

    const provider = await inviteProvider(
      platform.api,
      { practiceId: maple.id, adminToken: maple.adminToken },
      { name: 'Pat Provider', email: 'pat@maple.test', password: PASSWORD },
    );
    maple.providerId = provider.userId;
    maple.providerToken = provider.accessToken;
  });

  afterAll(() => platform?.close());

  it('lists every service, disabled, to Admins and Providers', async () => {
    for (const token of [maple.adminToken, maple.providerToken]) {
      const response = await platform.api.call('GET', `/practices/${maple.id}/services`, { token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual([
        { key: 'client_billing', name: 'Client Billing', enabled: false, providerIds: [] },
        { key: 'telehealth_video', name: 'Telehealth Video', enabled: false, providerIds: [] },
        { key: 'secure_messaging', name: 'Secure Messaging', enabled: false, providerIds: [] },
        { key: 'documents', name: 'Documents', enabled: false, providerIds: [] },
        { key: 'directory_listing', name: 'Directory Listing', enabled: false, providerIds: [] },
      ]);
    }
  });

  it('lets the Admin enable Client Billing and assign the practice’s providers, once identity has told service-enablement who they are', async () => {
    const enable = () =>
      platform.api.call('PATCH', `/practices/${maple.id}/services/client_billing`, {
        token: maple.adminToken,
        body: { enabled: true, providerIds: [maple.adminId, maple.providerId] },
      });
    // The providers arrive as identity's membership events, through its outbox and the bus.
    const response = await eventually(async () => {
      const attempt = await enable();
      expect(attempt.status).toBe(200);
      return attempt;
    });
    expect(response.body).toEqual({
      key: 'client_billing',
      name: 'Client Billing',
      enabled: true,
      providerIds: [maple.adminId, maple.providerId],
    });
    const list = await platform.api.call('GET', `/practices/${maple.id}/services`, {
      token: maple.providerToken,
    });
    expect((list.body as unknown as Array<{ enabled: boolean }>)[0]?.enabled).toBe(true);
  });

  it('unassigns a provider the Admin removes from the practice', async () => {
    const removed = await platform.api.call('PUT', `/practices/${maple.id}/staff/${maple.providerId}/roles`, {
      token: maple.adminToken,
      body: { roles: [] },
    });
    expect(removed.status).toBe(200);
    await eventually(async () => {
      const list = await platform.api.call('GET', `/practices/${maple.id}/services`, {
        token: maple.adminToken,
      });
      expect((list.body as unknown as Array<{ providerIds: string[] }>)[0]?.providerIds).toEqual([
        maple.adminId,
      ]);
    });
  });

  it('lets only an Admin change services (403), and hides other practices (404)', async () => {
    const admin = await login(platform.api, 'ada@maple.test', PASSWORD); // active role: provider
    const asProvider = await platform.api.call('PATCH', `/practices/${maple.id}/services/documents`, {
      token: admin.accessToken,
      body: { enabled: true },
    });
    expect(asProvider.status).toBe(403);
    expect(
      (await platform.api.call('GET', `/practices/${maple.id}/services`, { token: birchAdminToken })).status,
    ).toBe(404);
    expect(
      (
        await platform.api.call('PATCH', `/practices/${maple.id}/services/documents`, {
          token: birchAdminToken,
          body: { enabled: true },
        })
      ).status,
    ).toBe(404);
  });

  it.each([
    ['an unknown service', 'video_games', { enabled: true }, ['key']],
    ['an empty change', 'documents', {}, ['']],
    ['a provider id that is not an id', 'documents', { providerIds: ['not-an-id'] }, ['providerIds[0]']],
    // Ids filled in when the test runs (the practice does not exist when the table is built).
    ['a duplicated provider', 'documents', { providerIds: ['ADMIN', 'ADMIN'] }, ['providerIds']],
  ])('answers %s with 400 naming the field', async (_name, key, body, fields) => {
    const response = await platform.api.call('PATCH', `/practices/${maple.id}/services/${key}`, {
      token: maple.adminToken,
      body: JSON.parse(JSON.stringify(body).replaceAll('ADMIN', maple.adminId)) as unknown,
    });
    expect(response.status).toBe(400);
    expect((response.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(fields);
  });

  it('refuses to assign someone who is not a provider of the practice', async () => {
    const response = await platform.api.call('PATCH', `/practices/${maple.id}/services/documents`, {
      token: maple.adminToken,
      body: { providerIds: [maple.providerId] },
    });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual([
      { path: 'providerIds[0]', message: 'is not a provider of this practice' },
    ]);
  });
});
