import type { NoteType, Role } from '@arbor/contracts';

/**
 * Who is reading: the actor of the request, with what the notes service last heard from identity
 * about them in that practice. A role the token claims but identity has since taken away counts
 * for nothing; a client's portal account is tied to one client record.
 */
export interface Reader {
  readonly userId: string;
  readonly practiceId: string;
  /** The role the request acts in. */
  readonly role: Role;
  /** The roles identity last said this person holds in `practiceId` (empty if never heard of). */
  readonly currentRoles: readonly Role[];
  /** The client record this person's client membership is for, if any. */
  readonly clientId: string | null;
}

/** The client a note is about, as client-records last said: who is assigned to them. */
export interface ClientAssignments {
  readonly practiceId: string;
  readonly clientId: string;
  readonly providerIds: readonly string[];
}

export interface NoteHeader {
  readonly practiceId: string;
  readonly clientId: string;
  readonly type: NoteType;
  readonly authorId: string;
}

/**
 * What a reader may read of one client's notes: every note of `anyAuthor` types, and the notes of
 * `ownTypes` they wrote themself. One description serves the single check ({@link canRead}) and
 * the list query (the repository turns it into SQL), so the rule is written once.
 */
export interface Visibility {
  readonly anyAuthor: readonly NoteType[];
  readonly ownTypes: readonly NoteType[];
}

const NOTHING: Visibility = { anyAuthor: [], ownTypes: [] };
const EVERY_TYPE: readonly NoteType[] = ['private', 'care_team', 'practice', 'client_shared'];

function actsAs(reader: Reader, role: Role): boolean {
  return reader.role === role && reader.currentRoles.includes(role);
}

function isStaff(reader: Reader): boolean {
  return actsAs(reader, 'admin') || actsAs(reader, 'provider');
}

/**
 * The type definitions, literally:
 * - `private`: the author only;
 * - `care_team`: the author and the people assigned to the client as providers (an Admin who is
 *   not assigned does not read it);
 * - `practice`: every provider and admin of the practice;
 * - `client_shared`: the care team (author and assigned providers) and the client themself.
 * Authors and assigned providers read as staff (acting as admin or provider); the client reads as
 * a client whose membership is for this very client record. Nobody reads across practices.
 */
export function visibility(reader: Reader, client: ClientAssignments): Visibility {
  if (reader.practiceId !== client.practiceId) return NOTHING;
  if (actsAs(reader, 'client')) {
    return reader.clientId === client.clientId ? { anyAuthor: ['client_shared'], ownTypes: [] } : NOTHING;
  }
  if (!isStaff(reader)) return NOTHING;
  const assigned = client.providerIds.includes(reader.userId);
  return {
    anyAuthor: assigned ? ['care_team', 'practice', 'client_shared'] : ['practice'],
    ownTypes: EVERY_TYPE,
  };
}

export function canRead(note: NoteHeader, reader: Reader, client: ClientAssignments): boolean {
  if (note.practiceId !== client.practiceId || note.clientId !== client.clientId) return false;
  const visible = visibility(reader, client);
  return (
    visible.anyAuthor.includes(note.type) ||
    (visible.ownTypes.includes(note.type) && note.authorId === reader.userId)
  );
}

/** An Admin of the practice, or a provider assigned to the client. */
export function canAddNote(reader: Reader, client: ClientAssignments): boolean {
  if (reader.practiceId !== client.practiceId) return false;
  return (
    actsAs(reader, 'admin') || (actsAs(reader, 'provider') && client.providerIds.includes(reader.userId))
  );
}

/**
 * The note's author (as staff), or an Admin, and only on a note they can read: an Admin cannot
 * append to a `private` note of someone else's they are not allowed to see.
 */
export function canAddAddendum(note: NoteHeader, reader: Reader, client: ClientAssignments): boolean {
  if (!canRead(note, reader, client)) return false;
  return actsAs(reader, 'admin') || (isStaff(reader) && note.authorId === reader.userId);
}
