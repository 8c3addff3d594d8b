// Real: identity, client-records and notes as built apps in their own processes, each on its own
// database; the gateway in this process; RabbitMQ carrying requests and events (notes learns the
// client and their providers from client-records' events, and who everyone is from identity's).
// Faked: nothing. One successful call of every Notes operation, the refused edits, and bad input;
// the full visibility matrix is notes-visibility.e2e-spec.ts.
import { eventually } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const BODY = 'Allergies: penicillin 💊; e\u0301; שלום';

describe('Notes through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '' };
  const pat = { userId: '', accessToken: '' };
  let clientToken = '';
  let clientId = '';
  let noteId = '';
  let birchAdminToken = '';

  const notesPath = (suffix = '') => `/practices/${maple.id}/clients/${clientId}/notes${suffix}`;

  beforeAll(async () => {
    platform = await startPlatform('notes-api', ['identity', 'client-records', 'notes']);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: admin.practiceId, adminToken: admin.adminToken });
    Object.assign(
      pat,
      await inviteProvider(platform.api, admin, { name: 'Pat', email: 'pat@maple.test', password: PASSWORD }),
    );
    const created = await createClient(platform.api, pat.accessToken, maple.id, {
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
    });
    clientId = created.id;
    clientToken = (await portalSignIn(platform.api, created.portalInviteUrl, 'alice@client.test', PASSWORD))
      .accessToken;
    birchAdminToken = (await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD))
      .adminToken;
  });

  afterAll(() => platform?.close());

  it('saves a shared note by the assigned provider, once notes has heard of the client', async () => {
    const response = await eventually(async () => {
      const attempt = await platform.api.call('POST', notesPath(), {
        token: pat.accessToken,
        body: { type: 'client_shared', body: BODY },
      });
      expect(attempt.status).toBe(201);
      return attempt;
    });
    expect(response.body).toEqual({
      id: expect.any(String),
      clientId,
      type: 'client_shared',
      body: BODY,
      authorId: pat.userId,
      createdAt: expect.any(String),
    });
    noteId = response.body['id'] as string;
  });

  it('adds an addendum, shown beneath the note in the list and the note itself', async () => {
    const addendum = await platform.api.call('POST', notesPath(`/${noteId}/addenda`), {
      token: pat.accessToken,
      body: { body: 'Correction: amoxicillin too' },
    });
    expect(addendum.status).toBe(201);
    expect(addendum.body).toMatchObject({
      noteId,
      authorId: pat.userId,
      body: 'Correction: amoxicillin too',
    });

    const list = await platform.api.call('GET', notesPath('?limit=10'), { token: pat.accessToken });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [expect.objectContaining({ id: noteId, body: BODY, addenda: [addendum.body] })],
      nextCursor: null,
    });
    const single = await platform.api.call('GET', notesPath(`/${noteId}`), { token: pat.accessToken });
    expect([single.status, single.body['addenda']]).toEqual([200, [addendum.body]]);
  });

  it('shows the client the shared note in the portal', async () => {
    const portal = await eventually(async () => {
      const attempt = await platform.api.call('GET', '/portal/notes', { token: clientToken });
      expect(attempt.status).toBe(200);
      expect((attempt.body['items'] as unknown[]).length).toBe(1);
      return attempt;
    });
    expect(portal.body['items']).toEqual([expect.objectContaining({ id: noteId, body: BODY })]);
  });

  it('lets the Admin see who read the note, as which role', async () => {
    const log = await platform.api.call('GET', notesPath('/access-log'), { token: maple.adminToken });
    expect(log.status).toBe(200);
    const readers = (log.body['items'] as Array<{ noteId: string; role: string; via: string }>).map(
      (record) => [record.noteId, record.role, record.via],
    );
    expect(readers).toEqual(
      expect.arrayContaining([
        [noteId, 'provider', 'list'],
        [noteId, 'provider', 'get'],
        [noteId, 'client', 'portal'],
      ]),
    );
  });

  it('never edits or deletes a note: PUT, PATCH and DELETE answer 405, and the note is unchanged', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await platform.api.call(method, notesPath(`/${noteId}`), {
        token: maple.adminToken,
        body: { type: 'practice', body: 'rewritten' },
      });
      expect([method, response.status, response.headers.get('allow')]).toEqual([method, 405, 'GET, HEAD']);
      expect(response.body).toMatchObject({ status: 405 });
    }
    const single = await platform.api.call('GET', notesPath(`/${noteId}`), { token: pat.accessToken });
    expect(single.body).toMatchObject({ type: 'client_shared', body: BODY });
  });

  it('answers bad input with 400 naming the field, and another practice with 404', async () => {
    const bad = await platform.api.call('POST', notesPath(), {
      token: pat.accessToken,
      body: { type: 'secret', body: 'x\u0000y' },
    });
    expect(bad.status).toBe(400);
    expect((bad.body['errors'] as Array<{ path: string }>).map((error) => error.path).sort()).toEqual([
      'body',
      'type',
    ]);
    const foreign = await platform.api.call('GET', notesPath(), { token: birchAdminToken });
    expect(foreign.status).toBe(404);
  });
});
