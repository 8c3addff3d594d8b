// Real: identity, client-records and notes as built apps in their own processes, each on its own
// database; the gateway in this process; RabbitMQ carrying requests and events (notes learns a
// client's providers from client-records' events and a portal login's client from identity's).
// Faked: nothing. The matrix is generated from a table of expectations (note type × reader), so
// a missing cell cannot pass unseen: the number of cells checked is asserted.
import type { EventEnvelope } from '@arbor/contracts';
import { EventTap } from '@arbor/service-testing';
import { eventually, testServices } from '@arbor/testing';
import { assignProviders, createClient, portalSignIn } from './clients-helpers';
import { inviteProvider, login, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'maple-syrup-on-tuesdays';
const TYPES = ['private', 'care_team', 'practice', 'client_shared'] as const;
type NoteType = (typeof TYPES)[number];
const READERS = [
  'author',
  'teammate',
  'outsider',
  'admin',
  'adminAsProvider',
  'client',
  'otherClient',
  'foreignAdmin',
] as const;
type Reader = (typeof READERS)[number];

/**
 * Who reads a note of each type written by `author` (a provider assigned to the client): the
 * teammate is the client's other assigned provider, the outsider a provider of the practice not
 * assigned to the client, the Admin also holds the Provider role (unassigned) and is asked in
 * both roles, the other client is a client of the same practice, the foreign Admin another
 * practice's.
 */
const MAY_READ: Record<NoteType, Record<Reader, boolean>> = {
  private: {
    author: true,
    teammate: false,
    outsider: false,
    admin: false,
    adminAsProvider: false,
    client: false,
    otherClient: false,
    foreignAdmin: false,
  },
  care_team: {
    author: true,
    teammate: true,
    outsider: false,
    admin: false,
    adminAsProvider: false,
    client: false,
    otherClient: false,
    foreignAdmin: false,
  },
  practice: {
    author: true,
    teammate: true,
    outsider: true,
    admin: true,
    adminAsProvider: true,
    client: false,
    otherClient: false,
    foreignAdmin: false,
  },
  client_shared: {
    author: true,
    teammate: true,
    outsider: false,
    admin: false,
    adminAsProvider: false,
    client: true,
    otherClient: false,
    foreignAdmin: false,
  },
};

const CLIENT_READERS: ReadonlySet<Reader> = new Set(['client', 'otherClient']);

type Note = { id: string; addenda: Array<{ id: string; body: string }> };
type Page = { items: Note[]; nextCursor: string | null };

describe('note visibility through the gateway', () => {
  let platform: Platform;
  const maple = { id: '', clientId: '', otherClientId: '' };
  const tokens = {} as Record<Reader, string>;
  const ids = {} as Record<Reader, string>;
  const notes = {} as Record<NoteType, string>;

  const notePath = (noteId = '') =>
    `/practices/${maple.id}/clients/${maple.clientId}/notes${noteId ? `/${noteId}` : ''}`;

  /** The reader's own list: the client's notes for staff, the portal for clients. */
  async function listOf(reader: Reader): Promise<{ status: number; notes: Note[] }> {
    const path = CLIENT_READERS.has(reader) ? '/portal/notes?limit=100' : `${notePath()}?limit=100`;
    const response = await platform.api.call('GET', path, { token: tokens[reader] });
    const page = response.body as unknown as Page;
    if (response.status === 200) expect(page.nextCursor).toBeNull();
    return { status: response.status, notes: response.status === 200 ? page.items : [] };
  }

  /**
   * One line per (type, reader): the single read's status, the list's status, whether the note
   * is listed and, where it is readable, the addenda the reader sees beneath it (by body, in
   * both the single read and the list).
   */
  async function observed(): Promise<string[]> {
    const lines: string[] = [];
    for (const reader of READERS) {
      const list = await listOf(reader);
      for (const type of TYPES) {
        const single = await platform.api.call('GET', notePath(notes[type]), { token: tokens[reader] });
        const listed = list.notes.find((note) => note.id === notes[type]);
        const addenda = (note: Note | undefined) => note?.addenda.map((addendum) => addendum.body).join('+');
        lines.push(
          `${type} / ${reader}: get ${single.status}, list ${list.status}, listed ${listed !== undefined}` +
            (single.status === 200
              ? `, addenda ${addenda(single.body as unknown as Note) || 'none'} / ${addenda(listed) || 'none'}`
              : ''),
        );
      }
    }
    return lines;
  }

  /** What the table says each line must be, with the addenda each readable note carries. */
  function expected(addendaOf: Record<NoteType, string[]>): string[] {
    return READERS.flatMap((reader) =>
      TYPES.map((type) => {
        const may = MAY_READ[type][reader];
        const listStatus = reader === 'foreignAdmin' ? 404 : 200;
        const addenda = addendaOf[type].join('+') || 'none';
        return (
          `${type} / ${reader}: get ${may ? 200 : 404}, list ${listStatus}, listed ${may}` +
          (may ? `, addenda ${addenda} / ${addenda}` : '')
        );
      }),
    );
  }

  beforeAll(async () => {
    platform = await startPlatform('notes_visibility', ['identity', 'client-records', 'notes']);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    maple.id = admin.practiceId;
    tokens.admin = admin.adminToken;
    ids.admin = admin.userId;
    tokens.adminAsProvider = (await login(platform.api, 'ada@maple.test', PASSWORD)).accessToken;
    ids.adminAsProvider = admin.userId;
    for (const [reader, name] of [
      ['author', 'Avery'],
      ['teammate', 'Toni'],
      ['outsider', 'Oscar'],
    ] as const) {
      const provider = await inviteProvider(
        platform.api,
        { practiceId: maple.id, adminToken: admin.adminToken },
        { name, email: `${name.toLowerCase()}@maple.test`, password: PASSWORD },
      );
      tokens[reader] = provider.accessToken;
      ids[reader] = provider.userId;
    }
    const client = await createClient(platform.api, tokens.author, maple.id, {
      firstName: 'Cara',
      lastName: 'Client',
      email: 'cara@client.test',
    });
    expect(client.providerIds).toEqual([ids.author]);
    maple.clientId = client.id;
    await assignProviders(platform.api, admin.adminToken, maple.id, client.id, [ids.author, ids.teammate]);
    const other = await createClient(platform.api, admin.adminToken, maple.id, {
      firstName: 'Olive',
      lastName: 'Other',
      email: 'olive@client.test',
    });
    maple.otherClientId = other.id;
    const cara = await portalSignIn(platform.api, client.portalInviteUrl, 'cara@client.test', PASSWORD);
    tokens.client = cara.accessToken;
    ids.client = cara.userId;
    const olive = await portalSignIn(platform.api, other.portalInviteUrl, 'olive@client.test', PASSWORD);
    tokens.otherClient = olive.accessToken;
    ids.otherClient = olive.userId;
    const birch = await signUpAsAdmin(platform.api, 'Birch Therapy', 'otto@birch.test', PASSWORD);
    tokens.foreignAdmin = birch.adminToken;
    ids.foreignAdmin = birch.userId;

    // Notes hears of the client and its providers from client-records' events: the first note
    // waits until it has.
    for (const type of TYPES) {
      const added = await eventually(async () => {
        const response = await platform.api.call('POST', notePath(), {
          token: tokens.author,
          body: { type, body: `A ${type} note about Cara` },
        });
        expect([response.status, response.body]).toEqual([201, expect.anything()]);
        return response.body;
      });
      expect(added).toMatchObject({ type, authorId: ids.author, clientId: maple.clientId });
      notes[type] = added['id'] as string;
    }
    // The teammate's assignment and Cara's portal link arrive as events too: wait until both have.
    await eventually(async () => {
      const teammate = await platform.api.call('GET', notePath(notes.care_team), { token: tokens.teammate });
      expect(teammate.status).toBe(200);
      expect((await listOf('client')).notes.map((note) => note.id)).toEqual([notes.client_shared]);
    });
  });

  afterAll(() => platform?.close());

  it('lets exactly the readers the note type names read it, alone and in their list', async () => {
    const lines = await observed();
    expect(lines).toEqual(expected({ private: [], care_team: [], practice: [], client_shared: [] }));
    expect(lines).toHaveLength(TYPES.length * READERS.length);
    // Guards the table itself: every type is readable by someone and hidden from someone.
    for (const type of TYPES) {
      expect(new Set(READERS.map((reader) => MAY_READ[type][reader]))).toEqual(new Set([true, false]));
    }
  });

  it('lets only the author and an Admin (acting as Admin, on a note they may read) add an addendum', async () => {
    const cells: Array<[Reader, NoteType, number]> = [
      ['author', 'private', 201],
      ['author', 'care_team', 201],
      ['author', 'practice', 201],
      ['author', 'client_shared', 201],
      ['admin', 'practice', 201],
      // An Admin who may not read the note finds no note, like anyone else.
      ['admin', 'private', 404],
      ['admin', 'care_team', 404],
      ['adminAsProvider', 'practice', 403],
      ['teammate', 'care_team', 403],
      ['teammate', 'client_shared', 403],
      ['outsider', 'practice', 403],
      ['outsider', 'care_team', 404],
      ['outsider', 'private', 404],
      ['client', 'client_shared', 403],
      ['otherClient', 'client_shared', 403],
      ['foreignAdmin', 'practice', 404],
    ];
    const answers: string[] = [];
    for (const [reader, type, _status] of cells) {
      const response = await platform.api.call('POST', `${notePath(notes[type])}/addenda`, {
        token: tokens[reader],
        body: { body: `${reader} on ${type}` },
      });
      answers.push(`${reader} on ${type}: ${response.status}`);
      if (response.status === 201) {
        expect(response.body).toMatchObject({ noteId: notes[type], authorId: ids[reader] });
      }
    }
    expect(answers).toEqual(cells.map(([reader, type, status]) => `${reader} on ${type}: ${status}`));
  });

  it('shows the addenda beneath the note to exactly its readers, oldest first', async () => {
    const lines = await observed();
    expect(lines).toEqual(
      expected({
        private: ['author on private'],
        care_team: ['author on care_team'],
        practice: ['author on practice', 'admin on practice'],
        client_shared: ['author on client_shared'],
      }),
    );
    expect(lines).toHaveLength(TYPES.length * READERS.length);
  });

  describe('assignments, as client-records’ events', () => {
    const ASSIGNED = 'client-records.client.providers-assigned.v1';
    let tap: EventTap;

    beforeAll(async () => {
      tap = await EventTap.open(testServices().rabbitmqUrl, platform.namespace, ['client-records.#']);
    });

    afterAll(() => tap?.close());

    /** How many deliveries of the assignment event notes counted with this outcome. */
    async function handled(outcome: 'applied' | 'duplicate'): Promise<number> {
      const metrics = await platform.metrics('notes');
      const line = metrics
        .split('\n')
        .find(
          (candidate) =>
            candidate.startsWith('arbor_events_handled_total{') &&
            candidate.includes(`event="${ASSIGNED}"`) &&
            candidate.includes(`outcome="${outcome}"`),
        );
      return line ? Number(line.split(' ').at(-1)) : 0;
    }

    async function outsiderReadsCareTeamNote(): Promise<{ get: number; listed: boolean }> {
      const single = await platform.api.call('GET', notePath(notes.care_team), { token: tokens.outsider });
      const list = await listOf('outsider');
      return { get: single.status, listed: list.notes.some((note) => note.id === notes.care_team) };
    }

    async function assignmentEvent(providerIds: string[]): Promise<EventEnvelope<Record<string, unknown>>> {
      return tap.take(
        ASSIGNED,
        (data) => data['clientId'] === maple.clientId && String(data['providerIds']) === String(providerIds),
      );
    }

    it('honours an assignment made just before a read once notes has consumed its event, and its removal too', async () => {
      expect(await outsiderReadsCareTeamNote()).toEqual({ get: 404, listed: false });
      const withOutsider = [ids.author, ids.teammate, ids.outsider];
      await assignProviders(platform.api, tokens.admin, maple.id, maple.clientId, withOutsider);
      await assignmentEvent(withOutsider);
      await eventually(async () =>
        expect(await outsiderReadsCareTeamNote()).toEqual({ get: 200, listed: true }),
      );
      await assignProviders(platform.api, tokens.admin, maple.id, maple.clientId, [ids.author, ids.teammate]);
      await assignmentEvent([ids.author, ids.teammate]);
      await eventually(async () =>
        expect(await outsiderReadsCareTeamNote()).toEqual({ get: 404, listed: false }),
      );
    });

    it('changes nothing when an assignment event is delivered again, or an older one arrives late', async () => {
      const withOutsider = [ids.author, ids.teammate, ids.outsider];
      await assignProviders(platform.api, tokens.admin, maple.id, maple.clientId, withOutsider);
      const granted = await assignmentEvent(withOutsider);
      await assignProviders(platform.api, tokens.admin, maple.id, maple.clientId, [ids.author, ids.teammate]);
      const revoked = await assignmentEvent([ids.author, ids.teammate]);
      await eventually(async () =>
        expect(await outsiderReadsCareTeamNote()).toEqual({ get: 404, listed: false }),
      );

      // The same event again (same id): notes' inbox recognises it and applies nothing.
      const duplicatesBefore = await handled('duplicate');
      await tap.publish(revoked);
      await tap.publish(granted);
      await eventually(async () => expect(await handled('duplicate')).toBe(duplicatesBefore + 2));
      expect(await outsiderReadsCareTeamNote()).toEqual({ get: 404, listed: false });

      // The older grant as a new delivery (another id): its revision is older than what notes holds.
      const appliedBefore = await handled('applied');
      await tap.publish({ ...granted, id: '0190b1a2-7c1e-7d3f-8a2b-00000000d0bb' });
      await eventually(async () => expect(await handled('applied')).toBe(appliedBefore + 1));
      expect(await outsiderReadsCareTeamNote()).toEqual({ get: 404, listed: false });
    });

    it('loses no assignment made while notes is down: it applies it once it is back', async () => {
      await platform.stop('notes');
      const withOutsider = [ids.author, ids.teammate, ids.outsider];
      await assignProviders(platform.api, tokens.admin, maple.id, maple.clientId, withOutsider);
      await assignmentEvent(withOutsider);
      await platform.start('notes');
      await eventually(async () =>
        expect(await outsiderReadsCareTeamNote()).toEqual({ get: 200, listed: true }),
      );
    });
  });

  it('stops a provider the Admin removes from the practice reading, though their token is still valid', async () => {
    const readsPracticeNote = async () => {
      const single = await platform.api.call('GET', notePath(notes.practice), { token: tokens.outsider });
      const list = await listOf('outsider');
      return { get: single.status, listed: list.notes.some((note) => note.id === notes.practice) };
    };
    expect(await readsPracticeNote()).toEqual({ get: 200, listed: true });
    const removed = await platform.api.call('PUT', `/practices/${maple.id}/staff/${ids.outsider}/roles`, {
      token: tokens.admin,
      body: { roles: [] },
    });
    expect(removed.status).toBe(200);
    // Identity's membership event reaches notes; the access token (15 minutes) still verifies.
    await eventually(async () => expect(await readsPracticeNote()).toEqual({ get: 404, listed: false }));
  });
});
