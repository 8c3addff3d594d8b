// Real: PostgreSQL (statements that fail there on purpose) and the service logger, writing to a
// buffer instead of stdout. Faked: nothing.
import { sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { testServices } from '@arbor/testing';
import { createLogger } from './logger';

const people = pgTable('people', { email: text('email').notNull().unique(), name: text('name').notNull() });

describe('a failed statement in the logs', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(testServices().postgresUrl, 'logger');
    await database.db.execute(sql`CREATE TABLE people (email text NOT NULL UNIQUE, name text NOT NULL)`);
    await database.db.insert(people).values({ email: 'ana.taken@example.org', name: 'Ana Taken' });
  });
  afterAll(() => database.drop());

  /** Runs a statement that must fail, logs the failure as a handler would; answers the line. */
  async function logged(statement: Promise<unknown>): Promise<string> {
    const error = await statement.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const lines: string[] = [];
    createLogger('test', 'info', { write: (line: string) => void lines.push(line) }).error(
      { err: error },
      'request handler failed',
    );
    expect(lines).toHaveLength(1);
    return lines[0]!;
  }

  it('keeps the SQLSTATE and the statement of a unique violation, not the values nor pg’s detail', async () => {
    const line = await logged(
      database.db.insert(people).values({ email: 'ana.taken@example.org', name: 'Second Ana' }),
    );
    expect(line).toContain('"code":"23505"');
    expect(line).toContain('insert into \\"people\\" (\\"email\\", \\"name\\") values ($1, $2)');
    expect(line).toContain('people_email_key'); // the constraint's name says what clashed
    expect(line).not.toContain('ana.taken@example.org');
    expect(line).not.toContain('Second Ana');
    expect(line).not.toMatch(/Key \(email\)|params/);
  });

  it('keeps the SQLSTATE and the statement of a rejected parameter (a NUL byte), not the parameters', async () => {
    const line = await logged(
      database.db.insert(people).values({ email: 'nul\u0000byte@example.org', name: 'Nul Byte Person' }),
    );
    expect(line).toContain('"code":"22021"');
    expect(line).toContain('insert into \\"people\\"');
    expect(line).not.toContain('byte@example.org');
    expect(line).not.toContain('Nul Byte Person');
    expect(line).not.toContain('params');
  });

  it('still logs everything of an ordinary error', () => {
    const lines: string[] = [];
    const error = Object.assign(new Error('the sandbox refused', { cause: new Error('ECONNREFUSED') }), {
      status: 503,
    });
    createLogger('test', 'info', { write: (line: string) => void lines.push(line) }).warn(
      { err: error },
      'x',
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      err: { type: 'Error', message: 'the sandbox refused', status: 503, cause: { message: 'ECONNREFUSED' } },
    });
  });
});
