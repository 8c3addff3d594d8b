import { createHash, createHmac, randomBytes } from 'node:crypto';

/** Name words are searchable by their first 2 to 16 characters (after normalisation). */
export const MIN_PREFIX = 2;
export const MAX_PREFIX = 16;
/**
 * Every client stores exactly this many name hashes (real ones first, then random filler), so the
 * stored list says nothing about how long a name is or how many words it has.
 */
export const NAME_HASH_SLOTS = 48;

/**
 * The words of a name as search compares them: Unicode compatibility-decomposed, accents dropped,
 * lower case, apostrophes dropped, split on anything else that is not a letter or a digit
 * ("O'Brien-Núñez" → "obrien", "nunez").
 */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Emails are compared as the contract already trims and lower-cases them, in NFC. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

export interface SearchKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A stable, non-secret id for a search key (a fingerprint of it), stored beside the hashes. */
export function searchKey(key: Buffer): SearchKey {
  const id = createHash('sha256').update('arbor-client-search-key|').update(key).digest('hex').slice(0, 12);
  return { id, key };
}

// The practice is part of every hash: the same email or name in two practices hashes differently,
// so the database cannot tell that two practices share a client.
function keyed(search: SearchKey, kind: 'email' | 'name', practiceId: string, value: string): string {
  return createHmac('sha256', search.key).update(`${kind}|${practiceId}|${value}`, 'utf8').digest('hex');
}

export function emailHash(search: SearchKey, practiceId: string, email: string): string {
  return keyed(search, 'email', practiceId, normaliseEmail(email));
}

function prefixHash(search: SearchKey, practiceId: string, prefix: string): string {
  return keyed(search, 'name', practiceId, prefix);
}

/**
 * The stored name hashes of a client: the hash of each 2-to-16-character prefix of each word of
 * their names, shortest prefixes first (so a very long name loses only its longest prefixes),
 * without repeats, padded with random values to {@link NAME_HASH_SLOTS}.
 */
export function nameHashes(
  search: SearchKey,
  practiceId: string,
  names: { firstName: string; lastName: string },
  filler: () => string = () => randomBytes(32).toString('hex'),
): string[] {
  const words = [...nameWords(names.firstName), ...nameWords(names.lastName)];
  const hashes = new Set<string>();
  for (let length = MIN_PREFIX; length <= MAX_PREFIX && hashes.size < NAME_HASH_SLOTS; length += 1) {
    for (const word of words) {
      if (word.length < length) continue;
      hashes.add(prefixHash(search, practiceId, [...word].slice(0, length).join('')));
      if (hashes.size === NAME_HASH_SLOTS) break;
    }
  }
  const stored = [...hashes];
  while (stored.length < NAME_HASH_SLOTS) stored.push(filler());
  return stored;
}

/**
 * What a `q` looks for: one hash per word of it that is long enough (longer words are cut to
 * {@link MAX_PREFIX}); a client matches when they have them all. `undefined` when no word is long
 * enough to search by.
 */
export function queryHashes(search: SearchKey, practiceId: string, q: string): string[] | undefined {
  const words = nameWords(q)
    .map((word) => [...word].slice(0, MAX_PREFIX).join(''))
    .filter((word) => [...word].length >= MIN_PREFIX);
  if (words.length === 0) return undefined;
  return [...new Set(words.map((word) => prefixHash(search, practiceId, word)))];
}
