// Real: the notes service started in this process as main.ts starts it (the shared service world:
// startService, its own throwaway PostgreSQL database migrated with its migrations, RabbitMQ), its
// events consumer and outbox relay, envelope encryption with real keys, pg_dump of its database.
// Faked: client-records and identity (the test publishes their events itself, as they would be
// relayed), the gateway (actors are made up here, as it would pass them on), and the clock.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { auditLog } from '@arbor/audit';
import {
  AddAddendum,
  AddNote,
  ClientCreated,
  ClientProvidersAssigned,
  GetNote,
  ListNoteAccess,
  ListNotes,
  ListPortalNotes,
  MembershipChanged,
  NOTE_BODY_MAX,
  NoteAdded,
  type Actor,
  type EventEnvelope,
  type NoteType,
  type Role,
} from '@arbor/contracts';
import { keyRing } from '@arbor/crypto';
import type { BusClient } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../notes.config';
import { NotesModule } from '../notes.module';
import { verifyNoteChains } from './chain-verification';
import { entryHash } from './note-chain';
import { noteAddenda, noteClients, notes } from './notes.schema';

const run = promisify(execFile);
const keys = keyRing(new Map([['k1', randomBytes(32)]]));
const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const users = {
  admin: uuidv7(),
  author: uuidv7(),
  assigned: uuidv7(),
  unassigned: uuidv7(),
  client: uuidv7(),
  otherClient: uuidv7(),
  otherAdmin: uuidv7(),
};
const clientId = uuidv7();
const otherClientId = uuidv7();

const actor = (userId: string, role: Role, practice = practiceId): Actor => ({
  userId,
  practiceId: practice,
  role,
});
const admin = actor(users.admin, 'admin');
const author = actor(users.author, 'provider');
const assigned = actor(users.assigned, 'provider');
const unassigned = actor(users.unassigned, 'provider');
const theClient = actor(users.client, 'client');
const otherClient = actor(users.otherClient, 'client');
const otherAdmin = actor(users.otherAdmin, 'admin', otherPracticeId);

describe('notes over the bus', () => {
  let world: ServiceWorld;
  let bus: BusClient;
  let revision = 0;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      module: ({ clock }) => NotesModule.forRoot({ keys, clock }),
      tap: [NoteAdded.pattern],
    });
    bus = world.bus;
    await Promise.all([
      membership(users.admin, ['admin']),
      membership(users.author, ['provider']),
      membership(users.assigned, ['provider']),
      membership(users.unassigned, ['provider']),
      membership(users.client, ['client'], clientId),
      membership(users.otherClient, ['client'], otherClientId),
      membership(users.otherAdmin, ['admin'], null, otherPracticeId),
    ]).then((ids) => Promise.all(ids.map(handled)));
    await handled(await clientEvent('created', clientId, [users.author, users.assigned], ++revision));
    await handled(await clientEvent('created', otherClientId, [users.author], 1));
  });
  afterAll(() => world.close());

  async function publish(type: string, data: Record<string, unknown>, occurredAt = world.clock.now()) {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type,
      occurredAt: occurredAt.toISOString(),
      practiceId: (data['practiceId'] as string) ?? practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(event);
    return event;
  }

  /** What identity publishes when someone's roles in a practice change. */
  async function membership(
    userId: string,
    roles: Role[],
    client: string | null = null,
    practice = practiceId,
    occurredAt = world.clock.now(),
  ): Promise<string> {
    const event = await publish(
      MembershipChanged.pattern,
      { practiceId: practice, userId, roles, clientId: client },
      occurredAt,
    );
    return event.id;
  }

  /** What client-records publishes when a client is created or their providers change. */
  async function clientEvent(
    kind: 'created' | 'assigned',
    id: string,
    providerIds: string[],
    rev: number,
  ): Promise<string> {
    const event = await publish(
      kind === 'created' ? ClientCreated.pattern : ClientProvidersAssigned.pattern,
      {
        practiceId,
        clientId: id,
        status: 'active',
        taxState: null,
        revision: rev,
        providerIds,
      },
    );
    return event.id;
  }

  /** Once its inbox row exists, the service has applied (or deliberately skipped) the event. */
  const handled = (eventId: string) => world.handled(eventId);

  const add = (by: Actor, type: NoteType, body: string, client = clientId) =>
    bus.send(AddNote, { actor: by, clientId: client, note: { type, body } });

  async function readsOf(noteId: string): Promise<Array<typeof auditLog.$inferSelect>> {
    return world.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'note.read'), eq(auditLog.subject, `note:${noteId}`)));
  }

  async function withTriggersOff(run: () => Promise<unknown>): Promise<void> {
    // As a superuser could: the only way past the database's refusal.
    await world.database.db.execute(sql`ALTER TABLE notes DISABLE TRIGGER USER`);
    await world.database.db.execute(sql`ALTER TABLE note_addenda DISABLE TRIGGER USER`);
    try {
      await run();
    } finally {
      await world.database.db.execute(sql`ALTER TABLE notes ENABLE TRIGGER USER`);
      await world.database.db.execute(sql`ALTER TABLE note_addenda ENABLE TRIGGER USER`);
    }
  }

  describe('adding', () => {
    it('saves a note by an assigned provider, says so with ids and type only, and keeps UTF-8 exactly', async () => {
      const body = 'Allergies: penicillin 💊👩🏽‍⚕️; e\u0301 (combining), Ａ, שלום עולם، مرحبا — end';
      const note = await add(author, 'care_team', body);
      expect(note).toEqual({
        id: expect.any(String),
        clientId,
        type: 'care_team',
        body,
        authorId: users.author,
        createdAt: world.clock.now().toISOString(),
      });
      const event = await world.events.take(NoteAdded.pattern, (data) => data['noteId'] === note.id);
      expect(event.data).toEqual({
        practiceId,
        clientId,
        noteId: note.id,
        type: 'care_team',
        authorId: users.author,
      });
      expect(JSON.stringify(event)).not.toContain('penicillin');
      const read = await bus.send(GetNote, { actor: author, clientId, noteId: note.id });
      expect(read.body).toBe(body);
      expect(Buffer.from(read.body, 'utf8').equals(Buffer.from(body, 'utf8'))).toBe(true);
    });

    it('takes 100 000 characters and refuses more, empty bodies, NUL and lone surrogates, naming the field', async () => {
      const longest = 'x'.repeat(NOTE_BODY_MAX - 2) + '🙂';
      await expect(add(admin, 'practice', longest)).resolves.toMatchObject({ body: longest });
      for (const body of ['x'.repeat(NOTE_BODY_MAX + 1), '', 'a\u0000b', 'a\uD800b']) {
        await expect(add(admin, 'practice', body)).rejects.toMatchObject({
          code: 'validation_failed',
          details: { errors: [expect.objectContaining({ path: 'note.body' })] },
        });
      }
      await expect(
        bus.send(AddNote, { actor: admin, clientId, note: { type: 'secret' as NoteType, body: 'x' } }),
      ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: 'note.type' })] } });
    });

    it('lets only an Admin or an assigned provider add; a client it never heard of is not found', async () => {
      await expect(add(unassigned, 'practice', 'x')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(add(theClient, 'client_shared', 'x')).rejects.toMatchObject({ code: 'forbidden' });
      await expect(add(otherAdmin, 'practice', 'x')).rejects.toMatchObject({
        code: 'not_found',
        message: 'no such client',
      });
      await expect(add(admin, 'practice', 'x', uuidv7())).rejects.toMatchObject({
        code: 'not_found',
        message: 'no such client',
      });
      await expect(bus.send(ListNotes, { actor: admin, clientId: uuidv7() })).rejects.toMatchObject({
        code: 'not_found',
      });
    });
  });

  describe('reading', () => {
    const byType = {} as Record<NoteType, string>;

    beforeAll(async () => {
      for (const type of ['private', 'care_team', 'practice', 'client_shared'] as const) {
        world.clock.advance(1000);
        byType[type] = (await add(author, type, `a ${type} note`, otherClientId)).id;
      }
    });

    const visibleTo = async (reader: Actor) =>
      (await bus.send(ListNotes, { actor: reader, clientId: otherClientId })).items
        .map((note) => note.type)
        .sort();

    it('lists to each reader only what their kind may read, newest first', async () => {
      const { items } = await bus.send(ListNotes, { actor: author, clientId: otherClientId });
      expect(items.map((note) => note.type)).toEqual(['client_shared', 'practice', 'care_team', 'private']);
      // otherClientId's only assigned provider is the author: `assigned` is not on it.
      expect(await visibleTo(assigned)).toEqual(['practice']);
      expect(await visibleTo(admin)).toEqual(['practice']);
      await expect(bus.send(ListNotes, { actor: otherAdmin, clientId: otherClientId })).rejects.toMatchObject(
        {
          code: 'not_found',
        },
      );
      await expect(
        bus.send(ListNotes, { actor: otherClient, clientId: otherClientId }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('answers a note the reader may not read exactly as one that does not exist', async () => {
      const denied = await bus
        .send(GetNote, { actor: admin, clientId: otherClientId, noteId: byType.private })
        .catch((error: unknown) => error);
      const missing = await bus
        .send(GetNote, { actor: admin, clientId: otherClientId, noteId: uuidv7() })
        .catch((error: unknown) => error);
      expect(denied).toMatchObject({ code: 'not_found', message: 'no such note' });
      expect(missing).toMatchObject({ code: 'not_found', message: 'no such note' });
      expect(JSON.stringify(denied)).toBe(JSON.stringify(missing));
      // A note id of another client is not found under this one.
      await expect(
        bus.send(GetNote, { actor: author, clientId, noteId: byType.practice }),
      ).rejects.toMatchObject({ code: 'not_found' });
    });

    it('honours an assignment consumed just before the read, and never lets an older one undo a newer one', async () => {
      await expect(
        bus.send(GetNote, { actor: assigned, clientId: otherClientId, noteId: byType.care_team }),
      ).rejects.toMatchObject({ code: 'not_found' });
      await handled(await clientEvent('assigned', otherClientId, [users.author, users.assigned], 3));
      await expect(
        bus.send(GetNote, { actor: assigned, clientId: otherClientId, noteId: byType.care_team }),
      ).resolves.toMatchObject({ body: 'a care_team note' });
      // Revision 2 (taking `assigned` off) arrives after 3, and again: 3 stands.
      const late = await clientEvent('assigned', otherClientId, [users.author], 2);
      await handled(late);
      const [row] = await world.database.db
        .select()
        .from(noteClients)
        .where(eq(noteClients.clientId, otherClientId));
      expect(row?.providerIds).toEqual([users.author, users.assigned]);
      expect(await visibleTo(assigned)).toEqual(['care_team', 'client_shared', 'practice']);
      await handled(await clientEvent('assigned', otherClientId, [users.author], 4));
      expect(await visibleTo(assigned)).toEqual(['practice']);
    });

    it('applies an identity event once, the newest winning whatever the order', async () => {
      const later = world.clock.now();
      const earlier = new Date(later.getTime() - 60_000);
      // The admin is removed (now); an older event still saying admin arrives late, twice.
      await handled(await membership(users.admin, [], null, practiceId, later));
      const stale = await publish(
        MembershipChanged.pattern,
        { practiceId, userId: users.admin, roles: ['admin'], clientId: null },
        earlier,
      );
      await world.events.publish(stale);
      await handled(stale.id);
      await expect(visibleTo(admin)).resolves.toEqual([]);
      world.clock.advance(1000);
      await handled(await membership(users.admin, ['admin']));
      await expect(visibleTo(admin)).resolves.toEqual(['practice']);
    });

    it('records who read which note, when and as which role, on every read, list or single', async () => {
      const before = (await readsOf(byType.practice)).length;
      world.clock.advance(5000);
      await bus.send(ListNotes, { actor: unassigned, clientId: otherClientId });
      await bus.send(GetNote, { actor: admin, clientId: otherClientId, noteId: byType.practice });
      const reads = await readsOf(byType.practice);
      expect(reads).toHaveLength(before + 2);
      expect(reads.slice(-2).map((read) => [read.actorUserId, read.details, read.occurredAt])).toEqual([
        [
          users.unassigned,
          { noteId: byType.practice, clientId: otherClientId, role: 'provider', via: 'list' },
          world.clock.now(),
        ],
        [
          users.admin,
          { noteId: byType.practice, clientId: otherClientId, role: 'admin', via: 'get' },
          world.clock.now(),
        ],
      ]);
      // A refused read discloses nothing and records nothing.
      const privateReads = (await readsOf(byType.private)).length;
      await expect(
        bus.send(GetNote, { actor: admin, clientId: otherClientId, noteId: byType.private }),
      ).rejects.toMatchObject({ code: 'not_found' });
      expect(await readsOf(byType.private)).toHaveLength(privateReads);
    });

    it('lets an Admin page through the access log, newest first; nobody else', async () => {
      const first = await bus.send(ListNoteAccess, { actor: admin, clientId: otherClientId, limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.items[0]).toMatchObject({
        noteId: byType.practice,
        readerUserId: users.admin,
        role: 'admin',
        via: 'get',
      });
      expect(first.nextCursor).not.toBeNull();
      const second = await bus.send(ListNoteAccess, {
        actor: admin,
        clientId: otherClientId,
        limit: 2,
        cursor: first.nextCursor!,
      });
      expect(second.items).toHaveLength(2);
      expect(second.items.map((r) => r.id)).not.toContain(first.items[0]!.id);
      expect(second.items[0]!.id < first.items[1]!.id).toBe(true);
      await expect(
        bus.send(ListNoteAccess, { actor: author, clientId: otherClientId }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('pages notes with an opaque cursor, no note twice', async () => {
      const first = await bus.send(ListNotes, { actor: author, clientId: otherClientId, limit: 3 });
      const second = await bus.send(ListNotes, {
        actor: author,
        clientId: otherClientId,
        limit: 3,
        cursor: first.nextCursor!,
      });
      expect(first.items.map((note) => note.id)).toEqual([
        byType.client_shared,
        byType.practice,
        byType.care_team,
      ]);
      expect(second).toMatchObject({ items: [{ id: byType.private }], nextCursor: null });
      await expect(
        bus.send(ListNotes, { actor: author, clientId: otherClientId, cursor: 'not-a-cursor' }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        details: { errors: [expect.objectContaining({ path: 'cursor' })] },
      });
    });

    it('shows the client, in the portal, only the shared notes about themself', async () => {
      const mine = await bus.send(ListPortalNotes, { actor: otherClient });
      expect(mine.items.map((note) => note.id)).toEqual([byType.client_shared]);
      const reads = await readsOf(byType.client_shared);
      expect(reads.at(-1)).toMatchObject({
        actorUserId: users.otherClient,
        details: { role: 'client', via: 'portal' },
      });
      const theirs = await bus.send(ListPortalNotes, { actor: theClient });
      expect(theirs.items.map((note) => note.id)).not.toContain(byType.client_shared);
      await expect(bus.send(ListPortalNotes, { actor: author })).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('takes addenda from the author and an Admin, shown beneath the note with who and when', async () => {
      world.clock.advance(1000);
      const correction = await bus.send(AddAddendum, {
        actor: author,
        clientId: otherClientId,
        noteId: byType.client_shared,
        addendum: { body: 'Correction: 20 mg, not 200 mg 🙏' },
      });
      world.clock.advance(1000);
      const adminNote = await bus.send(AddAddendum, {
        actor: admin,
        clientId: otherClientId,
        noteId: byType.practice,
        addendum: { body: 'Reviewed' },
      });
      expect(adminNote).toMatchObject({
        noteId: byType.practice,
        authorId: users.admin,
        createdAt: world.clock.now().toISOString(),
      });
      await expect(
        bus.send(AddAddendum, {
          actor: unassigned,
          clientId: otherClientId,
          noteId: byType.practice,
          addendum: { body: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        bus.send(AddAddendum, {
          actor: admin,
          clientId: otherClientId,
          noteId: byType.private,
          addendum: { body: 'x' },
        }),
      ).rejects.toMatchObject({ code: 'not_found' });
      const portal = await bus.send(ListPortalNotes, { actor: otherClient });
      expect(portal.items[0]?.addenda).toEqual([correction]);
      expect(correction).toMatchObject({ authorId: users.author, body: 'Correction: 20 mg, not 200 mg 🙏' });
    });
  });

  describe('at rest', () => {
    it('is refused UPDATE, DELETE and TRUNCATE by the database itself, on notes and addenda', async () => {
      const db = world.database.db;
      for (const attempt of [
        db.update(notes).set({ type: 'practice' }),
        db.delete(notes),
        db.execute(sql`TRUNCATE notes CASCADE`),
        db.update(noteAddenda).set({ authorId: users.admin }),
        db.delete(noteAddenda),
        db.execute(sql`TRUNCATE note_addenda`),
      ]) {
        await expect(attempt).rejects.toMatchObject({ cause: { code: '42501' } });
      }
      expect((await db.select().from(notes)).length).toBeGreaterThan(4);
      expect((await db.select().from(noteAddenda)).length).toBe(2);
    });

    it('holds no plaintext body in a dump of the database', async () => {
      const { stdout } = await run('pg_dump', ['--data-only', world.database.url], {
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(stdout).toContain(otherClientId); // the dump is really of this database
      for (const secret of ['penicillin', 'a care_team note', 'Correction: 20 mg', 'Reviewed', 'שלום']) {
        expect([secret, stdout.includes(secret)]).toEqual([secret, false]);
      }
    });

    it('keeps one unforked chain per client under concurrent writes, and verifies it', async () => {
      const concurrent = uuidv7();
      await handled(await clientEvent('created', concurrent, [users.author], 1));
      await Promise.all(
        Array.from({ length: 12 }, (_, i) => add(author, 'practice', `note ${i}`, concurrent)),
      );
      const rows = await world.database.db.select().from(notes).where(eq(notes.clientId, concurrent));
      expect(rows.map((row) => row.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const report = await verifyNoteChains(world.database.db, keys);
      expect(report.breaks).toEqual([]);
      expect(report.unreadable).toEqual([]);
      expect(report.entries).toBeGreaterThanOrEqual(12 + 6);
    });

    it('fails a read loudly, and the verify names it, when one byte of a ciphertext is flipped', async () => {
      const victim = uuidv7();
      await handled(await clientEvent('created', victim, [users.author], 1));
      const note = await add(author, 'practice', 'to be tampered with', victim);
      const [row] = await world.database.db.select().from(notes).where(eq(notes.id, note.id));
      const parts = row!.bodySealed.split('.');
      const body = Buffer.from(parts[4]!, 'base64url');
      body[0] = body[0]! ^ 0x01;
      parts[4] = body.toString('base64url');
      await withTriggersOff(() =>
        world.database.db
          .update(notes)
          .set({ bodySealed: parts.join('.') })
          .where(eq(notes.id, note.id)),
      );
      await expect(
        bus.send(GetNote, { actor: author, clientId: victim, noteId: note.id }),
      ).rejects.toMatchObject({
        code: 'internal',
        message: `note ${note.id} failed its integrity check`,
      });
      await expect(bus.send(ListNotes, { actor: author, clientId: victim })).rejects.toMatchObject({
        code: 'internal',
      });
      const report = await verifyNoteChains(world.database.db, keys);
      expect(report.unreadable).toEqual([
        expect.objectContaining({ clientId: victim, entryId: note.id, kind: 'note' }),
      ]);
      expect(report.breaks).toEqual([
        expect.objectContaining({
          clientId: victim,
          entryId: note.id,
          seq: 1,
          problem: expect.stringContaining('does not match its fields'),
        }),
      ]);
    });

    it('names the right link of a chain broken by a row altered or inserted behind its back', async () => {
      const altered = uuidv7();
      await handled(await clientEvent('created', altered, [users.author], 1));
      await add(author, 'practice', 'first', altered);
      const second = await add(author, 'care_team', 'second', altered);
      await add(author, 'practice', 'third', altered);
      // Widening who may read it, as someone with a console might: the hash says so.
      await withTriggersOff(() =>
        world.database.db.update(notes).set({ type: 'practice' }).where(eq(notes.id, second.id)),
      );
      let report = await verifyNoteChains(world.database.db, keys);
      expect(report.breaks.filter((b) => b.clientId === altered)).toEqual([
        {
          clientId: altered,
          entryId: second.id,
          seq: 2,
          problem: expect.stringContaining('does not match its fields'),
        },
      ]);

      const inserted = uuidv7();
      await handled(await clientEvent('created', inserted, [users.author], 1));
      const one = await add(author, 'practice', 'one', inserted);
      await add(author, 'practice', 'two', inserted);
      const [template] = await world.database.db.select().from(notes).where(eq(notes.id, one.id));
      // A forged entry appended as #3 with a correct hash, linked to #1 as if #2 were not there.
      const [real2] = await world.database.db
        .select()
        .from(notes)
        .where(and(eq(notes.clientId, inserted), eq(notes.seq, 2)));
      const forgedId = uuidv7();
      const forged3 = { ...template!, id: forgedId, seq: 3, prevHash: template!.hash };
      const hash3 = entryHash({ ...forged3, kind: 'note', sealedBody: forged3.bodySealed });
      await world.database.db.insert(notes).values({ ...forged3, hash: hash3 });
      report = await verifyNoteChains(world.database.db, keys);
      expect(report.breaks.filter((b) => b.clientId === inserted)).toEqual([
        {
          clientId: inserted,
          entryId: forgedId,
          seq: 3,
          problem: `previous hash ${template!.hash} is not entry 2's hash ${real2!.hash}`,
        },
      ]);
    });
  });
});
