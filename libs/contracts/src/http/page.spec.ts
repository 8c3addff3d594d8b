import { z } from 'zod';
import { cursorCodec, pageOf, pageQuery } from './page.types';

const Staff = cursorCodec('identity.staff', z.strictObject({ userId: z.uuid() }));
const Accounts = cursorCodec('payments.processor-accounts', z.strictObject({ id: z.uuid() }));
const ID = '0190b1a2-7c1e-7d3f-8a2b-123456789abc';

function pathsOf(result: { error?: z.ZodError }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('page cursors', () => {
  it('round-trip the key of the list that made them, as an opaque URL-safe string', () => {
    const cursor = Staff.encode({ userId: ID });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(ID);
    expect(Staff.decode(cursor)).toEqual({ userId: ID });
  });

  it('refuses a tampered, foreign, truncated or garbage cursor', () => {
    const cursor = Staff.encode({ userId: ID });
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const bad of [
      Accounts.encode({ id: ID }),
      json({ v: 1, l: 'identity.staff', k: { userId: 'not-a-uuid' } }),
      json({ v: 2, l: 'identity.staff', k: { userId: ID } }),
      json({ v: 1, l: 'identity.staff', k: { userId: ID, extra: true } }),
      cursor.slice(0, -3),
      `${cursor}!`,
      '',
      'x'.repeat(600),
      Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
    ]) {
      expect([bad, Staff.decode(bad)]).toEqual([bad, undefined]);
    }
  });

  it('validates ?limit=&cursor= as a query: a bad value is an error naming it', () => {
    const query = pageQuery(Staff);
    expect(query.parse({})).toEqual({ limit: 50 });
    expect(query.parse({ limit: '100', cursor: Staff.encode({ userId: ID }) }).limit).toBe(100);
    expect(pathsOf(query.safeParse({ limit: '0' }))).toEqual(['limit']);
    expect(pathsOf(query.safeParse({ limit: '101' }))).toEqual(['limit']);
    expect(pathsOf(query.safeParse({ limit: '2.5' }))).toEqual(['limit']);
    expect(pathsOf(query.safeParse({ limit: 'ten' }))).toEqual(['limit']);
    expect(pathsOf(query.safeParse({ cursor: Accounts.encode({ id: ID }) }))).toEqual(['cursor']);
  });

  it('pages limit items out of limit + 1 fetched, with a cursor only when there are more', () => {
    const rows = [{ userId: ID }, { userId: ID.replace('c', 'd') }, { userId: ID.replace('c', 'e') }];
    const first = pageOf(rows, 2, Staff, (row) => row);
    expect(first.items).toEqual(rows.slice(0, 2));
    expect(Staff.decode(first.nextCursor!)).toEqual(rows[1]);
    expect(pageOf(rows, 3, Staff, (row) => row)).toEqual({ items: rows, nextCursor: null });
  });
});
