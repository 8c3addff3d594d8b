import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { requireRole } from '@arbor/access';
import { AuditRepository } from '@arbor/audit';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  NoteAccessCursor,
  NoteAccessRecord,
  NoteAdded,
  NoteCursor,
  pageOf,
  PAGE_LIMIT_DEFAULT,
  type Actor,
  type AddAddendumBody,
  type AddedNoteView,
  type AddendumView,
  type AddNoteBody,
  type NoteType,
  type NoteView,
  type Page,
  type Role,
} from '@arbor/contracts';
import { openText, seal, type KeyRing } from '@arbor/crypto';
import type { Database, Queryable, Transaction } from '@arbor/database';
import { DATABASE, emitEvent, LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { entryHash } from './note-chain';
import { canAddAddendum, canAddNote, canRead, visibility, type Reader } from './note-visibility';
import {
  isNoteType,
  NOTE_READ,
  NotesRepository,
  type AddendumRow,
  type ClientRow,
  type NoteRow,
} from './notes.repository';

export const NOTES_KEY_RING = Symbol.for('arbor.notes.key-ring');

export type NotesAction = typeof NOTE_READ;
type ReadVia = NoteAccessRecord['via'];

interface PageRequest {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
}

/** A client's profile → Notes: permanent notes, their addenda, who may read them, who did. */
@Injectable()
export class NotesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly repository: NotesRepository,
    private readonly audit: AuditRepository<NotesAction>,
    @Inject(NOTES_KEY_RING) private readonly keys: KeyRing,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async addNote(actor: Actor, clientId: string, input: AddNoteBody): Promise<AddedNoteView> {
    requireRole(actor, ['admin', 'provider'], 'only an Admin or an assigned provider adds notes');
    return this.db.transaction(async (tx) => {
      const client = await this.knownClient(tx, actor, clientId, { lock: true });
      const reader = await this.reader(tx, actor);
      if (!canAddNote(reader, client)) {
        throw new ArborError('forbidden', 'only an Admin or a provider assigned to this client adds notes', {
          activeRole: actor.role,
        });
      }
      const link = this.nextLink(client, actor, input.body);
      const { id, createdAt } = link;
      const hash = entryHash({ kind: 'note', ...link, type: input.type });
      await this.repository.insertNote(tx, { ...rowOf(link, hash), type: input.type });
      await this.repository.advanceChain(tx, clientId, link.seq, hash);
      await emitEvent(
        tx,
        NoteAdded,
        { practiceId: client.practiceId, clientId, noteId: id, type: input.type, authorId: actor.userId },
        { practiceId: client.practiceId, actor },
      );
      return {
        id,
        clientId,
        type: input.type,
        body: input.body,
        authorId: actor.userId,
        createdAt: createdAt.toISOString(),
      };
    });
  }

  async addAddendum(
    actor: Actor,
    clientId: string,
    noteId: string,
    input: AddAddendumBody,
  ): Promise<AddendumView> {
    requireRole(actor, ['admin', 'provider'], 'only the author or an Admin adds addenda');
    return this.db.transaction(async (tx) => {
      const client = await this.knownClient(tx, actor, clientId, { lock: true });
      const reader = await this.reader(tx, actor);
      const note = await this.repository.note(tx, clientId, noteId);
      const header = note && headerOf(note);
      if (!note || !header || !canRead(header, reader, client)) throw noSuchNote();
      if (!canAddAddendum(header, reader, client)) {
        throw new ArborError('forbidden', "only the note's author or an Admin adds addenda", {
          activeRole: actor.role,
        });
      }
      const link = this.nextLink(client, actor, input.body);
      const { id, createdAt } = link;
      const hash = entryHash({ kind: 'addendum', ...link, noteId });
      await this.repository.insertAddendum(tx, { ...rowOf(link, hash), noteId });
      await this.repository.advanceChain(tx, clientId, link.seq, hash);
      return { id, noteId, body: input.body, authorId: actor.userId, createdAt: createdAt.toISOString() };
    });
  }

  async list(actor: Actor, clientId: string, page: PageRequest): Promise<Page<NoteView>> {
    requireRole(actor, ['admin', 'provider'], 'staff list notes; a client reads them in the portal');
    return this.db.transaction(async (tx) => {
      const client = await this.knownClient(tx, actor, clientId);
      return this.readPage(tx, actor, await this.reader(tx, actor), client, page, 'list');
    });
  }

  async get(actor: Actor, clientId: string, noteId: string): Promise<NoteView> {
    return this.db.transaction(async (tx) => {
      const client = await this.knownClient(tx, actor, clientId);
      const reader = await this.reader(tx, actor);
      const note = await this.repository.note(tx, clientId, noteId);
      const header = note && headerOf(note);
      if (!note || !header || !canRead(header, reader, client)) throw noSuchNote();
      const [view] = await this.views(tx, actor, [note], 'get');
      return view!;
    });
  }

  /** The portal: the `client_shared` notes about the client whose account this is. */
  async listPortal(actor: Actor, page: PageRequest): Promise<Page<NoteView>> {
    requireRole(actor, ['client'], 'the portal is for clients');
    return this.db.transaction(async (tx) => {
      const reader = await this.reader(tx, actor);
      const client = reader.clientId ? await this.repository.client(tx, reader.clientId) : undefined;
      if (!client || client.practiceId !== actor.practiceId) return { items: [], nextCursor: null };
      return this.readPage(tx, actor, reader, client, page, 'portal');
    });
  }

  async accessLog(actor: Actor, clientId: string, page: PageRequest): Promise<Page<NoteAccessRecord>> {
    requireRole(actor, ['admin'], 'only an Admin sees who read the notes');
    const client = await this.knownClient(this.db, actor, clientId);
    const reader = await this.reader(this.db, actor);
    if (!reader.currentRoles.includes('admin')) {
      throw new ArborError('forbidden', 'only an Admin sees who read the notes', { activeRole: actor.role });
    }
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const after = page.cursor === undefined ? undefined : NoteAccessCursor.decode(page.cursor)?.id;
    const rows = await this.repository.accessRecords(this.db, client, limit, after);
    const records = rows.map((row) =>
      // Written by this service alone (views below): a row that does not parse is a bug, not data.
      NoteAccessRecord.parse({
        id: row.id,
        noteId: row.details['noteId'],
        readerUserId: row.actorUserId,
        role: row.details['role'],
        via: row.details['via'],
        readAt: row.occurredAt.toISOString(),
      }),
    );
    return pageOf(records, limit, NoteAccessCursor, (record) => ({ id: record.id }));
  }

  /** client-records says who is assigned to a client now (as of `revision`). */
  async assignmentsChanged(
    tx: Transaction,
    client: { practiceId: string; clientId: string; providerIds: readonly string[]; revision: number },
  ): Promise<void> {
    await this.repository.recordAssignments(tx, client);
  }

  /** identity says what roles someone holds in a practice now, and which client record is theirs. */
  async membershipChanged(
    tx: Transaction,
    member: {
      practiceId: string;
      userId: string;
      roles: readonly Role[];
      clientId: string | null;
      occurredAt: string;
    },
  ): Promise<void> {
    await this.repository.recordMember(tx, { ...member, asOf: new Date(member.occurredAt) });
  }

  private async readPage(
    tx: Transaction,
    actor: Actor,
    reader: Reader,
    client: ClientRow,
    page: PageRequest,
    via: ReadVia,
  ): Promise<Page<NoteView>> {
    const limit = page.limit ?? PAGE_LIMIT_DEFAULT;
    const after = page.cursor === undefined ? undefined : NoteCursor.decode(page.cursor);
    const rows = await this.repository.visibleNotes(
      tx,
      client,
      visibility(reader, client),
      reader.userId,
      limit,
      after,
    );
    const shown = rows.slice(0, limit);
    const items = await this.views(tx, actor, shown, via);
    return {
      items,
      nextCursor: pageOf(rows, limit, NoteCursor, (row) => ({
        createdAt: row.createdAt.toISOString(),
        id: row.id,
      })).nextCursor,
    };
  }

  /** Opens each note and its addenda, and records the read of each note in the same transaction. */
  private async views(tx: Transaction, actor: Actor, rows: NoteRow[], via: ReadVia): Promise<NoteView[]> {
    const addenda = await this.repository.addendaOf(
      tx,
      rows.map((row) => row.id),
    );
    const views: NoteView[] = [];
    for (const row of rows) {
      views.push({
        id: row.id,
        clientId: row.clientId,
        type: row.type as NoteType,
        body: this.open(row, 'note'),
        authorId: row.authorId,
        createdAt: row.createdAt.toISOString(),
        addenda: addenda
          .filter((addendum) => addendum.noteId === row.id)
          .map((addendum) => ({
            id: addendum.id,
            noteId: addendum.noteId,
            body: this.open(addendum, 'addendum'),
            authorId: addendum.authorId,
            createdAt: addendum.createdAt.toISOString(),
          })),
      });
      await this.audit.record(tx, {
        action: NOTE_READ,
        occurredAt: this.clock.now(),
        actorUserId: actor.userId,
        practiceId: row.practiceId,
        subject: `note:${row.id}`,
        details: { noteId: row.id, clientId: row.clientId, role: actor.role, via },
      });
    }
    return views;
  }

  /**
   * A body that does not open under its own id was altered, moved from another row or sealed
   * under a key no longer configured: never answered as text, and loud, since it means tampering
   * or a lost key.
   */
  private open(row: NoteRow | AddendumRow, kind: 'note' | 'addendum'): string {
    try {
      return openText(this.keys, row.bodySealed, row.id);
    } catch (error) {
      this.logger.error(
        { err: error, kind, entryId: row.id, clientId: row.clientId, practiceId: row.practiceId },
        `notes: a stored ${kind} failed its integrity check (tampered, or its key is missing); run verify-chains`,
      );
      throw new ArborError('internal', `${kind} ${row.id} failed its integrity check`);
    }
  }

  /** A client this service has heard of, in the actor's practice; anything else is `not_found`. */
  /** The next link of the client's chain (its row is locked): a new id, now, the sealed body. */
  private nextLink(client: ClientRow, actor: Actor, body: string): ChainLink {
    const id = uuidv7();
    return {
      id,
      practiceId: client.practiceId,
      clientId: client.clientId,
      seq: client.chainLength + 1,
      authorId: actor.userId,
      createdAt: this.clock.now(),
      sealedBody: seal(this.keys, body, id),
      prevHash: client.chainHead,
    };
  }

  private async knownClient(
    db: Queryable,
    actor: Actor,
    clientId: string,
    options: { lock?: boolean } = {},
  ): Promise<ClientRow> {
    const client = options.lock
      ? await this.repository.lockClient(db, clientId)
      : await this.repository.client(db, clientId);
    if (!client || client.practiceId !== actor.practiceId) {
      throw new ArborError('not_found', 'no such client', { reason: 'client' });
    }
    return client;
  }

  private async reader(db: Queryable, actor: Actor): Promise<Reader> {
    const member = await this.repository.member(db, actor.practiceId, actor.userId);
    return {
      userId: actor.userId,
      practiceId: actor.practiceId,
      role: actor.role,
      currentRoles: member?.roles ?? [],
      clientId: member?.clientId ?? null,
    };
  }
}

function headerOf(note: NoteRow) {
  if (!isNoteType(note.type)) return undefined;
  return { practiceId: note.practiceId, clientId: note.clientId, type: note.type, authorId: note.authorId };
}

function noSuchNote(): ArborError {
  return new ArborError('not_found', 'no such note', { reason: 'note' });
}

/** What a note and an addendum share as links of a client's chain. */
interface ChainLink {
  readonly id: string;
  readonly practiceId: string;
  readonly clientId: string;
  readonly seq: number;
  readonly authorId: string;
  readonly createdAt: Date;
  readonly sealedBody: string;
  readonly prevHash: string;
}

function rowOf({ sealedBody, ...link }: ChainLink, hash: string) {
  return { ...link, bodySealed: sealedBody, hash };
}
