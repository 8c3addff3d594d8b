import {
  canonicalEncoding,
  entryHash,
  GENESIS_HASH,
  verifyChain,
  type ChainEntry,
  type ChainEntryFields,
} from './note-chain';

const practiceId = '00000000-0000-7000-8000-000000000001';
const clientId = '00000000-0000-7000-8000-0000000000c1';
const authorId = '00000000-0000-7000-8000-00000000000a';
const noteId = '00000000-0000-7000-8000-0000000000a1';
const at = new Date('2026-12-01T10:00:00.000Z');

/** Builds a chain the way the service writes it: each entry hashed over the previous hash. */
function chain(fields: Array<Omit<ChainEntryFields, 'seq' | 'prevHash'>>): ChainEntry[] {
  const entries: ChainEntry[] = [];
  for (const [index, entry] of fields.entries()) {
    const linked = {
      ...entry,
      seq: index + 1,
      prevHash: entries[index - 1]?.hash ?? GENESIS_HASH,
    } as ChainEntryFields;
    entries.push({ ...linked, hash: entryHash(linked) });
  }
  return entries;
}

const note = (id: string, body = 'v1.k1.wrapped.iv.ciphertext') =>
  ({
    kind: 'note',
    id,
    practiceId,
    clientId,
    type: 'care_team',
    authorId,
    createdAt: at,
    sealedBody: body,
  }) as const;
const addendum = (id: string) =>
  ({
    kind: 'addendum',
    id,
    practiceId,
    clientId,
    noteId,
    authorId,
    createdAt: at,
    sealedBody: 'v1.k1.wrapped.iv2.ciphertext2',
  }) as const;

const ids = [
  '00000000-0000-7000-8000-0000000000a1',
  '00000000-0000-7000-8000-0000000000a2',
  '00000000-0000-7000-8000-0000000000a3',
];
const intact = () => chain([note(ids[0]!), addendum(ids[1]!), note(ids[2]!)]);
const headOf = (entries: ChainEntry[]) => ({
  length: entries.length,
  hash: entries.at(-1)?.hash ?? GENESIS_HASH,
});

describe('canonical encoding', () => {
  it('is a fixed JSON array: version, kind, ids, sequence, type, author, time, sealed data, previous hash', () => {
    expect(canonicalEncoding({ ...note(noteId), seq: 1, prevHash: GENESIS_HASH })).toBe(
      JSON.stringify([
        'arbor-notes-chain-v1',
        'note',
        noteId,
        practiceId,
        clientId,
        1,
        'care_team',
        authorId,
        '2026-12-01T10:00:00.000Z',
        'iv.ciphertext',
        GENESIS_HASH,
      ]),
    );
  });

  it('hashes with SHA-256 (64 hex digits), the same fields always alike, every field changing it', () => {
    const base = { ...note(noteId), seq: 1, prevHash: GENESIS_HASH } as const;
    expect(entryHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(base)).toBe(entryHash({ ...base }));
    const variants: ChainEntryFields[] = [
      { ...base, id: ids[1]! },
      { ...base, practiceId: clientId },
      { ...base, clientId: practiceId },
      { ...base, seq: 2 },
      { ...base, type: 'private' },
      { ...base, authorId: noteId },
      { ...base, createdAt: new Date(at.getTime() + 1) },
      { ...base, sealedBody: 'v1.k1.wrapped.iv.ciphertexu' },
      { ...base, prevHash: '1'.repeat(64) },
    ];
    const hashes = new Set([entryHash(base), ...variants.map(entryHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it('ignores the wrapped data key, so key rotation keeps chains intact', () => {
    const base = { ...note(noteId), seq: 1, prevHash: GENESIS_HASH } as const;
    expect(entryHash({ ...base, sealedBody: 'v1.k2.rewrapped.iv.ciphertext' })).toBe(entryHash(base));
  });

  it('refuses a body that is not a sealed value', () => {
    expect(() =>
      entryHash({ ...note(noteId), sealedBody: 'plain text', seq: 1, prevHash: GENESIS_HASH }),
    ).toThrow('not a sealed value');
  });
});

describe('verifying a chain', () => {
  it('accepts an intact chain and an empty one', () => {
    const entries = intact();
    expect(verifyChain(clientId, entries, headOf(entries))).toBeUndefined();
    expect(verifyChain(clientId, [], { length: 0, hash: GENESIS_HASH })).toBeUndefined();
  });

  it('names an entry whose fields were changed', () => {
    const entries = intact();
    entries[1] = { ...entries[1]!, authorId: noteId };
    expect(verifyChain(clientId, entries, headOf(intact()))).toMatchObject({
      clientId,
      entryId: ids[1],
      seq: 2,
      problem: expect.stringContaining('does not match its fields'),
    });
  });

  it('names the entry after one that was removed', () => {
    const entries = intact();
    expect(verifyChain(clientId, [entries[0]!, entries[2]!], headOf(entries))).toMatchObject({
      entryId: ids[2],
      problem: 'entry 2 is missing (next is 3)',
    });
  });

  it('names an entry rehashed after its predecessor changed (the link, not the hash, is wrong)', () => {
    const entries = intact();
    const changed = { ...entries[0]!, sealedBody: 'v1.k1.wrapped.iv.forged' } as ChainEntryFields;
    entries[0] = { ...changed, hash: entryHash(changed) };
    expect(verifyChain(clientId, entries, headOf(intact()))).toMatchObject({
      entryId: ids[1],
      seq: 2,
      problem: expect.stringContaining('previous hash'),
    });
  });

  it('notices the last entries removed, through the recorded head', () => {
    const entries = intact();
    expect(verifyChain(clientId, entries.slice(0, 2), headOf(entries))).toMatchObject({
      entryId: null,
      problem: expect.stringContaining('head records 3'),
    });
  });

  it('names a duplicated sequence number and an entry of another client', () => {
    const entries = intact();
    expect(verifyChain(clientId, [entries[0]!, entries[0]!], headOf(entries))).toMatchObject({
      seq: 1,
      problem: 'sequence number 1 appears twice',
    });
    expect(verifyChain(practiceId, entries, headOf(entries))).toMatchObject({
      entryId: ids[0],
      problem: `belongs to client ${clientId}`,
    });
  });
});
