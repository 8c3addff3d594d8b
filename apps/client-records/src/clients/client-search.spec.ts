import { randomBytes } from 'node:crypto';
import {
  emailHash,
  MAX_PREFIX,
  NAME_HASH_SLOTS,
  nameHashes,
  nameWords,
  normaliseEmail,
  queryHashes,
  searchKey,
} from './client-search';

const key = searchKey(randomBytes(32));
const practice = '01950000-0000-7000-8000-000000000001';
const otherPractice = '01950000-0000-7000-8000-000000000002';

describe('client search hashes', () => {
  it('compares name words without accents, case, apostrophes or punctuation', () => {
    expect(nameWords("  María-José  O'Brien Núñez ")).toEqual(['maria', 'jose', 'obrien', 'nunez']);
    expect(nameWords('ＡＬＥＸ')).toEqual(['alex']);
    expect(nameWords(' - ')).toEqual([]);
  });

  it('normalises emails to one spelling', () => {
    expect(normaliseEmail(' Avery@Example.TEST ')).toBe('avery@example.test');
    expect(emailHash(key, practice, 'Avery@Example.test')).toBe(
      emailHash(key, practice, 'avery@example.test'),
    );
  });

  it('hashes per practice and per key, so neither practices nor keys can be compared', () => {
    expect(emailHash(key, practice, 'a@b.test')).not.toBe(emailHash(key, otherPractice, 'a@b.test'));
    expect(emailHash(key, practice, 'a@b.test')).not.toBe(
      emailHash(searchKey(randomBytes(32)), practice, 'a@b.test'),
    );
    expect(key.id).toMatch(/^[0-9a-f]{12}$/);
    expect(key.id).not.toBe(searchKey(randomBytes(32)).id);
  });

  it('matches a query by the start of any word, from 2 characters', () => {
    const stored = new Set(nameHashes(key, practice, { firstName: 'Avery', lastName: 'Núñez-Quinn' }));
    const matches = (q: string) =>
      (queryHashes(key, practice, q) ?? ['none']).every((hash) => stored.has(hash));
    expect(matches('av')).toBe(true);
    expect(matches('NUÑ')).toBe(true);
    expect(matches('quinn avery')).toBe(true);
    expect(matches('uinn')).toBe(false);
    expect(matches('averyx')).toBe(false);
    expect(queryHashes(key, practice, 'a')).toBeUndefined();
    expect(queryHashes(key, practice, 'a b')).toBeUndefined();
  });

  it('cuts long words to the longest stored prefix, so a long query still finds them', () => {
    const long = 'Wolfeschlegelsteinhausenbergerdorff';
    const stored = new Set(nameHashes(key, practice, { firstName: 'Hubert', lastName: long }));
    expect(queryHashes(key, practice, long)!.every((hash) => stored.has(hash))).toBe(true);
    expect(queryHashes(key, practice, long.slice(0, MAX_PREFIX))).toEqual(queryHashes(key, practice, long));
  });

  it('always stores the same number of hashes, whatever the length of the name', () => {
    const short = nameHashes(key, practice, { firstName: 'Al', lastName: 'Wu' });
    const long = nameHashes(key, practice, {
      firstName: 'Maximiliana Genoveva Esperanza',
      lastName: 'Wolfeschlegelsteinhausenbergerdorff von Hohenzollern',
    });
    expect(short).toHaveLength(NAME_HASH_SLOTS);
    expect(long).toHaveLength(NAME_HASH_SLOTS);
    expect(new Set(short).size).toBe(NAME_HASH_SLOTS);
    for (const hash of [...short, ...long]) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives every word its short prefixes first when a name has more than fit', () => {
    const words = 'Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima';
    const stored = new Set(nameHashes(key, practice, { firstName: words, lastName: 'Mike November' }));
    for (const word of ['li', 'lim', 'no', 'nov']) {
      expect(queryHashes(key, practice, word)!.every((hash) => stored.has(hash))).toBe(true);
    }
  });
});
