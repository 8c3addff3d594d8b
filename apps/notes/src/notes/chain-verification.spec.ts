import { describeReport } from './chain-verification';

describe('the verify report', () => {
  it('names client, entry, its number and the problem, one line each; nothing when intact', () => {
    expect(describeReport({ clients: 2, entries: 5, breaks: [], unreadable: [] })).toEqual([]);
    expect(
      describeReport({
        clients: 2,
        entries: 5,
        breaks: [
          { clientId: 'c1', entryId: 'e2', seq: 2, problem: 'stored hash h does not match its fields (g)' },
          { clientId: 'c2', entryId: null, seq: 3, problem: 'chain has 3 entries…' },
        ],
        unreadable: [{ clientId: 'c1', entryId: 'e2', kind: 'addendum', problem: 'Unsupported state' }],
      }),
    ).toEqual([
      'chain broken: client c1, entry e2 (#2): stored hash h does not match its fields (g)',
      'chain broken: client c2, entry (end of chain) (#3): chain has 3 entries…',
      'does not decrypt: client c1, addendum e2: Unsupported state',
    ]);
  });
});
