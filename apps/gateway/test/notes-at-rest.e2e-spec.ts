// Real: identity, client-records and notes as built apps in their own processes, each on its own
// PostgreSQL database; the gateway in this process; RabbitMQ. Faked: nothing. The databases are
// read and written here as an operator (or an intruder with a console) would: plain SQL as the
// PostgreSQL superuser, and pg_dump.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from '@arbor/database';
import { eventually, testServices } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const SOME_ID = '0190b1a2-7c1e-7d3f-8a2b-00000000beef';
// Distinctive, so that finding one in a dump can only mean the plaintext is there.
const MARKERS = {
  noteBody: 'Zebra-quartz 7741: allergic to penicillin, sleeps badly since March',
  addendumBody: 'Correction from the lantern-moss 5308 visit: the allergy is to amoxicillin',
  email: 'kiwi.marker.3317@client.test',
  phoneDigits: '9175553317',
  dateOfBirth: '1961-07-23',
  lastName: 'Quillfeather',
};
const PHONE = '+1 917-555-3317';

type Problem = { type: string; status: number };

describe('notes: permanent, and encrypted at rest', () => {
  let platform: Platform;
  const maple = { id: '', adminToken: '', authorToken: '', authorId: '', clientId: '', clientToken: '' };
  const birch = { id: '', adminToken: '', clientId: '', noteId: '' };
  let noteId = '';
  let addendumId = '';

  const notesPath = (practiceId: string, clientId: string, suffix = '') =>
    `/practices/${practiceId}/clients/${clientId}/notes${suffix}`;
  const mapleNotes = (suffix = '') => notesPath(maple.id, maple.clientId, suffix);
  const notesDb = (): TestDatabase => platform.databases.notes!;

  async function addNote(token: string, path: string, body: Record<string, unknown>): Promise<string> {
    const added = await eventually(async () => {
      const response = await platform.api.call('POST', path, { token, body });
      expect([response.status, response.body]).toEqual([201, expect.anything()]);
      return response.body;
    });
    return added['id'] as string;
  }

  /** The notes verify command, as an operator runs it (the built app's entry): exit code and output. */
  async function verifyChains(): Promise<{ code: number; output: string }> {
    const entry = path.resolve(__dirname, '../../../dist/notes/apps/notes/src/verify-chains.js');
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [entry], {
        env: {
          PATH: process.env['PATH'] ?? '',
          ARBOR_NOTES_DATABASE_URL: notesDb().url,
          ARBOR_NOTES_KEY_ENCRYPTION_KEYS: `t1:${platform.kek.toString('base64')}`,
          ARBOR_RABBITMQ_URL: testServices().rabbitmqUrl,
          ARBOR_BUS_NAMESPACE: platform.namespace,
          ARBOR_LOG_LEVEL: 'warn',
        },
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
    }
  }

  /** Every table of a database as plain SQL text (schema and rows). */
  async function dump(database: TestDatabase): Promise<string> {
    const { stdout } = await promisify(execFile)('pg_dump', ['--no-owner', database.url], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  }

  beforeAll(async () => {
    platform = await startPlatform('notes_at_rest', ['identity', 'client-records', 'notes']);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: admin.practiceId, adminToken: admin.adminToken });
    const author = await inviteProvider(platform.api, admin, {
      name: 'Avery',
      email: 'avery@maple.test',
      password: PASSWORD,
    });
    Object.assign(maple, { authorToken: author.accessToken, authorId: author.userId });
    const client = await createClient(platform.api, author.accessToken, maple.id, {
      firstName: 'Cara',
      lastName: MARKERS.lastName,
      email: MARKERS.email,
      phone: PHONE,
      dateOfBirth: MARKERS.dateOfBirth,
    });
    maple.clientId = client.id;
    maple.clientToken = (
      await portalSignIn(platform.api, client.portalInviteUrl, MARKERS.email, PASSWORD)
    ).accessToken;
    noteId = await addNote(maple.authorToken, mapleNotes(), {
      type: 'client_shared',
      body: MARKERS.noteBody,
    });
    const addendum = await platform.api.call('POST', mapleNotes(`/${noteId}/addenda`), {
      token: maple.authorToken,
      body: { body: MARKERS.addendumBody },
    });
    expect(addendum.status).toBe(201);
    addendumId = addendum.body['id'] as string;

    const other = await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD);
    Object.assign(birch, { id: other.practiceId, adminToken: other.adminToken });
    birch.clientId = (
      await createClient(platform.api, birch.adminToken, birch.id, {
        firstName: 'Bea',
        lastName: 'Birch',
        email: 'bea@client.test',
      })
    ).id;
    birch.noteId = await addNote(birch.adminToken, notesPath(birch.id, birch.clientId), {
      type: 'practice',
      body: 'A Birch note',
    });
  });

  afterAll(() => platform?.close());

  describe('permanence', () => {
    it.each(['PUT', 'PATCH', 'DELETE'])(
      'answers %s on a note with 405 and the methods it has',
      async (method) => {
        const response = await platform.api.call(method, mapleNotes(`/${noteId}`), {
          token: maple.adminToken,
          body: method === 'DELETE' ? undefined : { type: 'private', body: 'rewritten' },
        });
        expect(response.status).toBe(405);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.headers.get('allow')).toMatch(/GET/);
        expect(response.headers.get('allow')).not.toMatch(/PUT|PATCH|DELETE/);
        const read = await platform.api.call('GET', mapleNotes(`/${noteId}`), { token: maple.authorToken });
        expect([read.status, read.body['body']]).toEqual([200, MARKERS.noteBody]);
      },
    );

    it.each([
      ['UPDATE notes', `UPDATE notes SET type = 'practice' WHERE id = $1`, 'notes', 'UPDATE'],
      ['DELETE FROM notes', 'DELETE FROM notes WHERE id = $1', 'notes', 'DELETE'],
      [
        'UPDATE note_addenda',
        'UPDATE note_addenda SET author_id = note_id WHERE note_id = $1',
        'note_addenda',
        'UPDATE',
      ],
      ['DELETE FROM note_addenda', 'DELETE FROM note_addenda WHERE note_id = $1', 'note_addenda', 'DELETE'],
      ['TRUNCATE note_addenda', 'TRUNCATE note_addenda', 'note_addenda', 'TRUNCATE'],
    ])('refuses %s issued directly in SQL, as the superuser', async (_name, sql, table, operation) => {
      const parameters = sql.includes('$1') ? [noteId] : [];
      await expect(notesDb().pool.query(sql, parameters)).rejects.toThrow(
        `${table} is permanent: ${operation} refused`,
      );
      const rows = await notesDb().pool.query<{ notes: string; addenda: string }>(
        `SELECT (SELECT count(*) FROM notes WHERE id = $1 AND type = 'client_shared') AS notes,
                (SELECT count(*) FROM note_addenda WHERE note_id = $1) AS addenda`,
        [noteId],
      );
      expect(rows.rows[0]).toEqual({ notes: '1', addenda: '1' });
    });
  });

  describe('at rest', () => {
    it('keeps no note body, addendum, email, phone, date of birth or name in plaintext in either database', async () => {
      // The API answers them in plaintext: the markers are real data, not absent from the start.
      const note = await platform.api.call('GET', mapleNotes(`/${noteId}`), { token: maple.authorToken });
      expect(note.body).toMatchObject({
        body: MARKERS.noteBody,
        addenda: [{ id: addendumId, body: MARKERS.addendumBody }],
      });
      const client = await platform.api.call('GET', `/practices/${maple.id}/clients/${maple.clientId}`, {
        token: maple.authorToken,
      });
      expect(client.body).toMatchObject({
        email: MARKERS.email,
        dateOfBirth: MARKERS.dateOfBirth,
        lastName: MARKERS.lastName,
      });
      expect(String(client.body['phone']).replace(/\D/g, '')).toBe(`1${MARKERS.phoneDigits}`);

      const notes = await dump(notesDb());
      const clients = await dump(platform.databases['client-records']!);
      // The rows are in the dumps (by id), sealed.
      expect(notes).toContain(noteId);
      expect(notes).toContain(addendumId);
      expect(notes).toMatch(/\tv1\.t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\t/);
      expect(clients).toContain(maple.clientId);
      // Each marker whole, and a telling fragment of each (a phone or date stored reformatted).
      const fragments = [
        ...Object.values(MARKERS),
        'zebra-quartz',
        'lantern-moss',
        'kiwi.marker',
        '555-3317',
        '555 3317',
        // Reformatted dates, long enough that a UUID's hex groups cannot spell them by chance.
        '07/23/1961',
        '23.07.1961',
        '19610723',
      ];
      const found = (text: string) =>
        fragments.filter((fragment) => text.toLowerCase().includes(fragment.toLowerCase()));
      expect({ notes: found(notes), clients: found(clients) }).toEqual({ notes: [], clients: [] });
    });
  });

  describe('access log', () => {
    it('records every read: who, of which note, as which role, through which request', async () => {
      const before = await platform.api.call('GET', mapleNotes('/access-log?limit=100'), {
        token: maple.adminToken,
      });
      expect(before.status).toBe(200);
      const seen = (before.body['items'] as unknown[]).length;
      expect(
        (await platform.api.call('GET', mapleNotes(`/${noteId}`), { token: maple.clientToken })).status,
      ).toBe(200);
      expect((await platform.api.call('GET', '/portal/notes', { token: maple.clientToken })).status).toBe(
        200,
      );
      expect((await platform.api.call('GET', mapleNotes(), { token: maple.authorToken })).status).toBe(200);
      const after = await platform.api.call('GET', mapleNotes('/access-log?limit=100'), {
        token: maple.adminToken,
      });
      const records = after.body['items'] as Array<{ noteId: string; role: string; via: string }>;
      expect(records.length).toBe(seen + 3);
      expect(records.slice(0, 3).map(({ noteId: id, role, via }) => [id, role, via])).toEqual([
        [noteId, 'provider', 'list'],
        [noteId, 'client', 'portal'],
        [noteId, 'client', 'get'],
      ]);
      // Only an Admin reads the log.
      const asAuthor = await platform.api.call('GET', mapleNotes('/access-log'), {
        token: maple.authorToken,
      });
      expect(asAuthor.status).toBe(403);
    });
  });

  describe('bad input: 400 or 404 naming the problem, never a 500', () => {
    const errorPaths = (body: Record<string, unknown>) => [
      ...new Set((body['errors'] as Array<{ path: string }>).map((error) => error.path)),
    ];

    it.each([
      ['an unknown note type', { type: 'diary', body: 'x' }, ['type']],
      ['a missing type', { body: 'x' }, ['type']],
      ['an empty body', { type: 'private', body: '' }, ['body']],
      ['a body over 100 000 characters', { type: 'private', body: 'a'.repeat(100_001) }, ['body']],
      ['a NUL in the body', { type: 'private', body: 'a\u0000b' }, ['body']],
      ['a member the contract does not have', { type: 'private', body: 'x', authorId: SOME_ID }, ['']],
    ])('answers %s with 400 naming the field', async (_name, body, fields) => {
      const response = await platform.api.call('POST', mapleNotes(), { token: maple.authorToken, body });
      expect(response.status).toBe(400);
      expect(errorPaths(response.body)).toEqual(fields);
    });

    it('takes a body of exactly 100 000 characters', async () => {
      const body = `${'é'.repeat(99_999)}!`;
      const response = await platform.api.call('POST', mapleNotes(), {
        token: maple.authorToken,
        body: { type: 'private', body },
      });
      expect(response.status).toBe(201);
      const read = await platform.api.call('GET', mapleNotes(`/${response.body['id'] as string}`), {
        token: maple.authorToken,
      });
      expect(read.body['body']).toBe(body);
    });

    it('answers an empty addendum with 400 naming body', async () => {
      const response = await platform.api.call('POST', mapleNotes(`/${noteId}/addenda`), {
        token: maple.authorToken,
        body: { body: '' },
      });
      expect([response.status, errorPaths(response.body)]).toEqual([400, ['body']]);
    });

    it.each([
      ['cid', () => `/practices/${maple.id}/clients/not-a-uuid/notes`],
      ['nid', () => mapleNotes('/12345')],
    ])('answers a malformed %s with 400 naming it', async (field, path) => {
      const response = await platform.api.call('GET', path(), { token: maple.adminToken });
      expect([response.status, errorPaths(response.body)]).toEqual([400, [field]]);
    });

    it('answers 404 for a client that does not exist, and for another practice’s client, note or practice', async () => {
      const cases: Array<[string, string, string, string, unknown?]> = [
        [
          'add to an unknown client',
          'POST',
          notesPath(maple.id, SOME_ID),
          maple.adminToken,
          { type: 'practice', body: 'x' },
        ],
        ['list an unknown client', 'GET', notesPath(maple.id, SOME_ID), maple.adminToken],
        ['read an unknown note', 'GET', mapleNotes(`/${SOME_ID}`), maple.adminToken],
        [
          'addendum to an unknown note',
          'POST',
          mapleNotes(`/${SOME_ID}/addenda`),
          maple.adminToken,
          { body: 'x' },
        ],
        [
          'add to Birch’s client under Maple',
          'POST',
          notesPath(maple.id, birch.clientId),
          maple.adminToken,
          { type: 'practice', body: 'x' },
        ],
        ['list Birch’s client under Maple', 'GET', notesPath(maple.id, birch.clientId), maple.adminToken],
        ['read Birch’s note under Maple’s client', 'GET', mapleNotes(`/${birch.noteId}`), maple.adminToken],
        [
          'read Birch’s note under its own client, from Maple',
          'GET',
          notesPath(maple.id, birch.clientId, `/${birch.noteId}`),
          maple.adminToken,
        ],
        ['read Maple’s note as Birch’s Admin', 'GET', mapleNotes(`/${noteId}`), birch.adminToken],
        [
          'add to Maple’s client as Birch’s Admin',
          'POST',
          mapleNotes(),
          birch.adminToken,
          { type: 'practice', body: 'x' },
        ],
        [
          'read Maple’s note under Birch’s practice',
          'GET',
          notesPath(birch.id, maple.clientId, `/${noteId}`),
          birch.adminToken,
        ],
      ];
      const answers: string[] = [];
      for (const [name, method, path, token, body] of cases) {
        answers.push(`${name}: ${(await platform.api.call(method, path, { token, body })).status}`);
      }
      expect(answers).toEqual(cases.map(([name]) => `${name}: 404`));
    });
  });

  describe('tampering', () => {
    it('fails a read loudly (500, no body) when one byte of a stored ciphertext is flipped', async () => {
      const tampered = await addNote(maple.authorToken, mapleNotes(), {
        type: 'practice',
        body: 'To be tampered with',
      });
      const stored = await notesDb().pool.query<{ body_sealed: string }>(
        'SELECT body_sealed FROM notes WHERE id = $1',
        [tampered],
      );
      const before = await verifyChains();
      expect([before.code, before.output]).toEqual([
        0,
        expect.stringContaining('every chain intact, every body decrypts'),
      ]);
      const parts = stored.rows[0]!.body_sealed.split('.');
      const ciphertext = Buffer.from(parts[4]!, 'base64url');
      ciphertext[0] = ciphertext[0]! ^ 0x01;
      parts[4] = ciphertext.toString('base64url');
      // The append-only trigger stands in the way of any change: step around it as the
      // superuser, for this session only, as an intruder with that power could.
      const connection = await notesDb().pool.connect();
      try {
        await connection.query("SET session_replication_role = 'replica'");
        const updated = await connection.query('UPDATE notes SET body_sealed = $2 WHERE id = $1', [
          tampered,
          parts.join('.'),
        ]);
        expect(updated.rowCount).toBe(1);
      } finally {
        await connection.query('RESET session_replication_role');
        connection.release();
      }

      const single = await platform.api.call('GET', mapleNotes(`/${tampered}`), { token: maple.authorToken });
      expect([single.status, (single.body as unknown as Problem).type]).toEqual([
        500,
        'urn:arbor:problem:internal',
      ]);
      expect(JSON.stringify(single.body)).not.toContain('tampered with');
      const list = await platform.api.call('GET', mapleNotes(), { token: maple.authorToken });
      expect([list.status, (list.body as unknown as Problem).type]).toEqual([
        500,
        'urn:arbor:problem:internal',
      ]);
      // The verify command names the note: its chain link and its body both fail.
      const after = await verifyChains();
      expect(after.code).toBe(1);
      expect(after.output).toContain(`does not decrypt: client ${maple.clientId}, note ${tampered}`);
      expect(after.output).toMatch(new RegExp(`chain broken: client ${maple.clientId}, entry ${tampered}`));
      // The other notes of the practice are unaffected.
      const untouched = await platform.api.call(
        'GET',
        notesPath(birch.id, birch.clientId, `/${birch.noteId}`),
        {
          token: birch.adminToken,
        },
      );
      expect(untouched.status).toBe(200);
    });
  });
});
