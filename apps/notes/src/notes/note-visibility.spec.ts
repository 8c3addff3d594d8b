import { NoteType, type Role } from '@arbor/contracts';
import {
  canAddAddendum,
  canAddNote,
  canRead,
  type ClientAssignments,
  type NoteHeader,
  type Reader,
} from './note-visibility';

const practiceId = '00000000-0000-7000-8000-000000000001';
const otherPracticeId = '00000000-0000-7000-8000-000000000002';
const clientId = '00000000-0000-7000-8000-0000000000c1';
const otherClientId = '00000000-0000-7000-8000-0000000000c2';
const ids = {
  author: '00000000-0000-7000-8000-00000000000a',
  assigned: '00000000-0000-7000-8000-00000000000b',
  unassigned: '00000000-0000-7000-8000-00000000000c',
  admin: '00000000-0000-7000-8000-00000000000d',
  client: '00000000-0000-7000-8000-00000000000e',
  otherClient: '00000000-0000-7000-8000-00000000000f',
  otherAdmin: '00000000-0000-7000-8000-000000000010',
};

/** The author is one of the client's assigned providers, as a note's author usually is. */
const client: ClientAssignments = { practiceId, clientId, providerIds: [ids.author, ids.assigned] };

function staff(userId: string, role: Role, practice = practiceId): Reader {
  return { userId, practiceId: practice, role, currentRoles: [role], clientId: null };
}

const readers = {
  author: staff(ids.author, 'provider'),
  'assigned provider': staff(ids.assigned, 'provider'),
  'unassigned provider': staff(ids.unassigned, 'provider'),
  admin: staff(ids.admin, 'admin'),
  'the client': { userId: ids.client, practiceId, role: 'client', currentRoles: ['client'], clientId },
  'another client': {
    userId: ids.otherClient,
    practiceId,
    role: 'client',
    currentRoles: ['client'],
    clientId: otherClientId,
  },
  "another practice's admin": staff(ids.otherAdmin, 'admin', otherPracticeId),
} satisfies Record<string, Reader>;
type ReaderKind = keyof typeof readers;

/** Who reads each type: the definitions, written out by hand. */
const MAY_READ: Record<NoteType, readonly ReaderKind[]> = {
  private: ['author'],
  care_team: ['author', 'assigned provider'],
  practice: ['author', 'assigned provider', 'unassigned provider', 'admin'],
  client_shared: ['author', 'assigned provider', 'the client'],
};

const note = (type: NoteType, authorId = ids.author): NoteHeader => ({
  practiceId,
  clientId,
  type,
  authorId,
});

const matrix = NoteType.options.flatMap((type) =>
  (Object.keys(readers) as ReaderKind[]).map((kind) => ({
    type,
    kind,
    expected: MAY_READ[type].includes(kind),
  })),
);

describe('who reads a note', () => {
  it('covers every type and every kind of reader', () => {
    expect(matrix).toHaveLength(NoteType.options.length * Object.keys(readers).length);
    expect(matrix).toHaveLength(28);
  });

  it.each(matrix)('$type note, read by $kind: $expected', ({ type, kind, expected }) => {
    expect(canRead(note(type), readers[kind], client)).toBe(expected);
  });

  it('lets an Admin read a private or care-team note they wrote, and an assigned Admin read care-team notes', () => {
    const adminAuthor = note('private', ids.admin);
    expect(canRead(adminAuthor, readers.admin, client)).toBe(true);
    const assignedAdmin = { ...client, providerIds: [...client.providerIds, ids.admin] };
    expect(canRead(note('care_team'), readers.admin, assignedAdmin)).toBe(true);
    expect(canRead(note('private'), readers.admin, assignedAdmin)).toBe(false);
  });

  it('keeps an author who is no longer assigned reading what they wrote', () => {
    const reassigned = { ...client, providerIds: [ids.assigned] };
    for (const type of NoteType.options) expect(canRead(note(type), readers.author, reassigned)).toBe(true);
  });

  it('gives nothing to a role identity has taken away, nor to the author acting as a client', () => {
    const removed: Reader = { ...readers['assigned provider'], currentRoles: [] };
    const asClient: Reader = { ...readers.author, role: 'client', currentRoles: ['provider', 'client'] };
    for (const type of NoteType.options) {
      expect(canRead(note(type), removed, client)).toBe(false);
      expect(canRead(note(type), asClient, client)).toBe(false);
    }
  });

  it('reads no note about another client, even with the right client context', () => {
    const elsewhere: NoteHeader = { ...note('practice'), clientId: otherClientId };
    expect(canRead(elsewhere, readers.admin, client)).toBe(false);
  });
});

describe('who writes', () => {
  it.each([
    ['author', true],
    ['assigned provider', true],
    ['unassigned provider', false],
    ['admin', true],
    ['the client', false],
    ['another client', false],
    ["another practice's admin", false],
  ] as const)('a note, by %s: %s', (kind, expected) => {
    expect(canAddNote(readers[kind], client)).toBe(expected);
  });

  it.each([
    ['author', 'care_team', true],
    ['assigned provider', 'care_team', false],
    ['admin', 'practice', true],
    ['admin', 'private', false],
    ['unassigned provider', 'practice', false],
    ['the client', 'client_shared', false],
    ["another practice's admin", 'practice', false],
  ] as const)('an addendum, by %s on a %s note: %s', (kind, type, expected) => {
    expect(canAddAddendum(note(type), readers[kind], client)).toBe(expected);
  });
});
