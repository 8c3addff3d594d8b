// Real: identity and client-records as built apps in their own processes, each with its own
// database; the gateway in this process; RabbitMQ carrying the requests, the InviteClient command
// client-records sends identity, and identity's membership events (who is a provider) reaching
// client-records through identity's outbox. Faked: nothing.
import { eventually } from '@arbor/testing';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';

describe('Clients routes through the gateway (one successful call of each)', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '', providerToken: '', providerId: '' };

  beforeAll(async () => {
    platform = await startPlatform('clients-api', ['identity', 'client-records']);
    const signedUp = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: signedUp.practiceId, adminToken: signedUp.adminToken });
    const provider = await inviteProvider(
      platform.api,
      { practiceId: maple.id, adminToken: maple.adminToken },
      { name: 'Pat Provider', email: 'pat@maple.test', password: PASSWORD },
    );
    maple.providerId = provider.userId;
    maple.providerToken = provider.accessToken;
  });

  afterAll(() => platform?.close());

  it('creates, finds, changes, assigns, archives, restores and re-invites a client', async () => {
    const clients = `/practices/${maple.id}/clients`;
    const created = await platform.api.call('POST', clients, {
      token: maple.providerToken,
      body: {
        firstName: 'Casey',
        lastName: 'Núñez',
        email: 'Casey@Example.test',
        address: { line1: '1 Main St', city: 'Albany', state: 'NY', postalCode: '12207', country: 'US' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'casey@example.test',
      status: 'active',
      providerIds: [maple.providerId],
      portalInviteUrl: expect.stringContaining('/invitations/') as unknown,
    });
    const cid = created.body['id'] as string;

    const found = await platform.api.call('GET', `${clients}?q=nun&limit=10`, { token: maple.adminToken });
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ items: [{ id: cid, lastName: 'Núñez' }], nextCursor: null });

    const read = await platform.api.call('GET', `${clients}/${cid}`, { token: maple.providerToken });
    expect(read.status).toBe(200);

    const changed = await platform.api.call('PATCH', `${clients}/${cid}`, {
      token: maple.providerToken,
      body: { phone: '+1 518 555 0100' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ phone: '+1 518 555 0100' });

    // Who is a provider reaches client-records as identity's membership events.
    const assigned = await eventually(async () => {
      const attempt = await platform.api.call('PUT', `${clients}/${cid}/providers`, {
        token: maple.adminToken,
        body: { providerIds: [maple.providerId] },
      });
      expect(attempt.status).toBe(200);
      return attempt;
    });
    expect(assigned.body).toMatchObject({ providerIds: [maple.providerId] });

    const archived = await platform.api.call('POST', `${clients}/${cid}/archive`, {
      token: maple.adminToken,
    });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived' });
    const restored = await platform.api.call('POST', `${clients}/${cid}/restore`, {
      token: maple.providerToken,
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ status: 'active' });

    const invited = await platform.api.call('POST', `${clients}/${cid}/invitation`, {
      token: maple.providerToken,
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ clientId: cid, portalInviteUrl: expect.any(String) as unknown });
  });

  it('answers 400 naming the field for bad Info, and 404 for a client the provider is not assigned to', async () => {
    const clients = `/practices/${maple.id}/clients`;
    const bad = await platform.api.call('POST', clients, {
      token: maple.adminToken,
      body: { firstName: 'A', lastName: 'B', email: 'not-an-email' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['errors']).toEqual([expect.objectContaining({ path: 'email' })]);

    const adminsOwn = await platform.api.call('POST', clients, {
      token: maple.adminToken,
      body: { firstName: 'Robin', lastName: 'Admin-Only', email: 'robin@example.test' },
    });
    expect(adminsOwn.status).toBe(201);
    const hidden = await platform.api.call('GET', `${clients}/${adminsOwn.body['id'] as string}`, {
      token: maple.providerToken,
    });
    expect(hidden.status).toBe(404);
  });
});
