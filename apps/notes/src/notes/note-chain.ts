import { createHash } from 'node:crypto';

/**
 * Tamper evidence for a client's notes and addenda: every entry stores the SHA-256 of a canonical
 * encoding of its own fields and of the previous entry's hash (one chain per client, numbered
 * from 1). Changing, removing or inserting an entry without recomputing every later hash breaks
 * the chain at that entry; the client's recorded head (length and last hash) also catches the
 * last entries being removed.
 *
 * What is hashed of the body is the sealed value's data part (the IV and the AES-GCM ciphertext
 * with its tag), not the plaintext and not the wrapped data key: the hash then confirms no guess
 * of a short body (a plaintext hash would, to anyone with a copy of the table), key rotation
 * (which re-wraps the data key and keeps IV and ciphertext) leaves chains intact, and the GCM tag
 * already binds the ciphertext to its plaintext, so a body changed under the hash fails to open.
 */
export const CHAIN_VERSION = 'arbor-notes-chain-v1';
export const GENESIS_HASH = '0'.repeat(64);

export interface NoteEntryFields {
  readonly kind: 'note';
  readonly id: string;
  readonly practiceId: string;
  readonly clientId: string;
  readonly seq: number;
  readonly type: string;
  readonly authorId: string;
  readonly createdAt: Date;
  readonly sealedBody: string;
  readonly prevHash: string;
}

export interface AddendumEntryFields {
  readonly kind: 'addendum';
  readonly id: string;
  readonly practiceId: string;
  readonly clientId: string;
  readonly seq: number;
  readonly noteId: string;
  readonly authorId: string;
  readonly createdAt: Date;
  readonly sealedBody: string;
  readonly prevHash: string;
}

export type ChainEntryFields = NoteEntryFields | AddendumEntryFields;
export type ChainEntry = ChainEntryFields & { readonly hash: string };

/** The data part of a sealed value (`v1.<kek>.<wrapped key>.<iv>.<ciphertext+tag>`): `<iv>.<ciphertext+tag>`. */
export function sealedData(sealed: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new Error('not a sealed value');
  return `${parts[3]}.${parts[4]}`;
}

/**
 * A JSON array of strings and integers in a fixed order: one text for one set of fields (no key
 * order, whitespace or number formatting to vary), and no field can bleed into the next.
 */
export function canonicalEncoding(entry: ChainEntryFields): string {
  const common = [CHAIN_VERSION, entry.kind, entry.id, entry.practiceId, entry.clientId, entry.seq];
  const specific = entry.kind === 'note' ? [entry.type, entry.authorId] : [entry.noteId, entry.authorId];
  return JSON.stringify([
    ...common,
    ...specific,
    entry.createdAt.toISOString(),
    sealedData(entry.sealedBody),
    entry.prevHash,
  ]);
}

export function entryHash(entry: ChainEntryFields): string {
  return createHash('sha256').update(canonicalEncoding(entry), 'utf8').digest('hex');
}

export interface ChainHead {
  readonly length: number;
  readonly hash: string;
}

export interface ChainBreak {
  readonly clientId: string;
  /** The first entry that does not fit (absent when the chain ends early). */
  readonly entryId: string | null;
  readonly seq: number;
  readonly problem: string;
}

/**
 * Checks one client's chain, its entries in `seq` order, against its recorded head; answers the
 * first broken link, or `undefined` for an intact chain.
 */
export function verifyChain(
  clientId: string,
  entries: readonly ChainEntry[],
  head: ChainHead,
): ChainBreak | undefined {
  let prevHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const expectedSeq = index + 1;
    const at = { clientId, entryId: entry.id, seq: entry.seq };
    if (entry.clientId !== clientId) return { ...at, problem: `belongs to client ${entry.clientId}` };
    if (entry.seq !== expectedSeq) {
      return {
        ...at,
        problem:
          entry.seq > expectedSeq
            ? `entry ${expectedSeq} is missing (next is ${entry.seq})`
            : `sequence number ${entry.seq} appears twice`,
      };
    }
    if (entry.prevHash !== prevHash) {
      return { ...at, problem: `previous hash ${entry.prevHash} is not entry ${index}'s hash ${prevHash}` };
    }
    let recomputed: string;
    try {
      recomputed = entryHash(entry);
    } catch (error) {
      return { ...at, problem: `cannot be encoded: ${(error as Error).message}` };
    }
    if (recomputed !== entry.hash) {
      return { ...at, problem: `stored hash ${entry.hash} does not match its fields (${recomputed})` };
    }
    prevHash = entry.hash;
  }
  if (entries.length !== head.length || prevHash !== head.hash) {
    return {
      clientId,
      entryId: null,
      seq: entries.length,
      problem: `chain has ${entries.length} entries ending in ${prevHash}; the client's head records ${head.length} ending in ${head.hash}`,
    };
  }
  return undefined;
}
