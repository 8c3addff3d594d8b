import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { auditLog } from '@arbor/audit';
import type { NoteType, Role } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import type { ChainEntry } from './note-chain';
import type { ClientAssignments, Visibility } from './note-visibility';
import { noteAddenda, noteClients, notes, practiceMembers } from './notes.schema';

export type NoteRow = typeof notes.$inferSelect;
export type AddendumRow = typeof noteAddenda.$inferSelect;
export interface ClientRow extends ClientAssignments {
  readonly revision: number;
  readonly chainLength: number;
  readonly chainHead: string;
}
export interface NoteKey {
  readonly createdAt: string;
  readonly id: string;
}

/** The audit action of one read of one note. */
export const NOTE_READ = 'note.read';

/** SQL for notes, addenda, their chains, and the local views of clients and members. */
export class NotesRepository {
  /** Applies client-records' current assignments unless a later revision is already recorded. */
  async recordAssignments(
    tx: Queryable,
    client: { practiceId: string; clientId: string; providerIds: readonly string[]; revision: number },
  ): Promise<boolean> {
    const written = await tx
      .insert(noteClients)
      .values({ ...client, providerIds: [...client.providerIds] })
      .onConflictDoUpdate({
        target: noteClients.clientId,
        set: { providerIds: [...client.providerIds], revision: client.revision },
        setWhere: sql`${noteClients.revision} < ${client.revision}`,
      })
      .returning({ clientId: noteClients.clientId });
    return written.length === 1;
  }

  /** Applies identity's current roles of a member unless a later event is already recorded. */
  async recordMember(
    tx: Queryable,
    member: {
      practiceId: string;
      userId: string;
      roles: readonly Role[];
      clientId: string | null;
      asOf: Date;
    },
  ): Promise<boolean> {
    const written = await tx
      .insert(practiceMembers)
      .values({ ...member, roles: [...member.roles] })
      .onConflictDoUpdate({
        target: [practiceMembers.practiceId, practiceMembers.userId],
        set: { roles: [...member.roles], clientId: member.clientId, asOf: member.asOf },
        setWhere: sql`${practiceMembers.asOf} < ${member.asOf.toISOString()}::timestamptz`,
      })
      .returning({ userId: practiceMembers.userId });
    return written.length === 1;
  }

  async member(
    db: Queryable,
    practiceId: string,
    userId: string,
  ): Promise<{ roles: Role[]; clientId: string | null } | undefined> {
    const [row] = await db
      .select({ roles: practiceMembers.roles, clientId: practiceMembers.clientId })
      .from(practiceMembers)
      .where(and(eq(practiceMembers.practiceId, practiceId), eq(practiceMembers.userId, userId)));
    return row ? { roles: row.roles as Role[], clientId: row.clientId } : undefined;
  }

  async client(db: Queryable, clientId: string): Promise<ClientRow | undefined> {
    const [row] = await db.select().from(noteClients).where(eq(noteClients.clientId, clientId));
    return row;
  }

  /** The client with its chain head, locked until the transaction ends: one writer per chain. */
  async lockClient(tx: Queryable, clientId: string): Promise<ClientRow | undefined> {
    const [row] = await tx.select().from(noteClients).where(eq(noteClients.clientId, clientId)).for('update');
    return row;
  }

  async advanceChain(tx: Queryable, clientId: string, length: number, head: string): Promise<void> {
    await tx
      .update(noteClients)
      .set({ chainLength: length, chainHead: head })
      .where(eq(noteClients.clientId, clientId));
  }

  async insertNote(tx: Queryable, row: NoteRow): Promise<void> {
    await tx.insert(notes).values(row);
  }

  async insertAddendum(tx: Queryable, row: AddendumRow): Promise<void> {
    await tx.insert(noteAddenda).values(row);
  }

  async note(db: Queryable, clientId: string, noteId: string): Promise<NoteRow | undefined> {
    const [row] = await db
      .select()
      .from(notes)
      .where(and(eq(notes.clientId, clientId), eq(notes.id, noteId)));
    return row;
  }

  /**
   * A page of the client's notes this visibility allows (the rule of note-visibility.ts, as SQL),
   * newest first, `limit + 1` rows to tell whether there is more.
   */
  async visibleNotes(
    db: Queryable,
    client: ClientAssignments,
    visible: Visibility,
    readerId: string,
    limit: number,
    after: NoteKey | undefined,
  ): Promise<NoteRow[]> {
    const allowed: SQL[] = [];
    if (visible.anyAuthor.length > 0) allowed.push(inArray(notes.type, [...visible.anyAuthor]));
    if (visible.ownTypes.length > 0) {
      allowed.push(and(inArray(notes.type, [...visible.ownTypes]), eq(notes.authorId, readerId))!);
    }
    if (allowed.length === 0) return [];
    const conditions: SQL[] = [
      eq(notes.clientId, client.clientId),
      eq(notes.practiceId, client.practiceId),
      or(...allowed)!,
    ];
    if (after) {
      const createdAt = new Date(after.createdAt);
      conditions.push(
        or(lt(notes.createdAt, createdAt), and(eq(notes.createdAt, createdAt), lt(notes.id, after.id)))!,
      );
    }
    return db
      .select()
      .from(notes)
      .where(and(...conditions))
      .orderBy(desc(notes.createdAt), desc(notes.id))
      .limit(limit + 1);
  }

  /** The addenda of these notes, oldest first. */
  async addendaOf(db: Queryable, noteIds: readonly string[]): Promise<AddendumRow[]> {
    if (noteIds.length === 0) return [];
    return db
      .select()
      .from(noteAddenda)
      .where(inArray(noteAddenda.noteId, [...noteIds]))
      .orderBy(asc(noteAddenda.seq));
  }

  /** The reads of the client's notes, newest first (audit ids are time-ordered UUIDv7). */
  async accessRecords(
    db: Queryable,
    client: ClientAssignments,
    limit: number,
    afterId: string | undefined,
  ): Promise<Array<typeof auditLog.$inferSelect>> {
    return db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, NOTE_READ),
          eq(auditLog.practiceId, client.practiceId),
          sql`${auditLog.details}->>'clientId' = ${client.clientId}`,
          afterId ? lt(auditLog.id, afterId) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(limit + 1);
  }

  async allClients(db: Queryable): Promise<ClientRow[]> {
    return db.select().from(noteClients).orderBy(asc(noteClients.clientId));
  }

  /** Every client that has chain entries, even one whose client row is missing. */
  async clientsWithEntries(db: Queryable): Promise<string[]> {
    const rows = await db.execute<{ client_id: string }>(
      sql`SELECT client_id FROM notes UNION SELECT client_id FROM note_addenda`,
    );
    return rows.rows.map((row) => row.client_id);
  }

  /** One client's chain: its notes and addenda, in chain order. */
  async chainOf(db: Queryable, clientId: string): Promise<ChainEntry[]> {
    const [noteRows, addendumRows] = await Promise.all([
      db.select().from(notes).where(eq(notes.clientId, clientId)),
      db.select().from(noteAddenda).where(eq(noteAddenda.clientId, clientId)),
    ]);
    const entries: ChainEntry[] = [
      ...noteRows.map((row) => ({
        kind: 'note' as const,
        id: row.id,
        practiceId: row.practiceId,
        clientId: row.clientId,
        seq: row.seq,
        type: row.type,
        authorId: row.authorId,
        createdAt: row.createdAt,
        sealedBody: row.bodySealed,
        prevHash: row.prevHash,
        hash: row.hash,
      })),
      ...addendumRows.map((row) => ({
        kind: 'addendum' as const,
        id: row.id,
        practiceId: row.practiceId,
        clientId: row.clientId,
        seq: row.seq,
        noteId: row.noteId,
        authorId: row.authorId,
        createdAt: row.createdAt,
        sealedBody: row.bodySealed,
        prevHash: row.prevHash,
        hash: row.hash,
      })),
    ];
    return entries.sort((a, b) => a.seq - b.seq || a.id.localeCompare(b.id));
  }
}

export function isNoteType(type: string): type is NoteType {
  return ['private', 'care_team', 'practice', 'client_shared'].includes(type);
}
