// Real: PostgreSQL. It is shared, so it is not restarted: the test ends its own connection with
// pg_terminate_backend, which is what a restart or a failover does to it. Faked: nothing.
import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { testServices } from '@arbor/testing';
import { connectDatabase } from './database';
import { isConnectionLost } from './pg-errors';
import { createTestDatabase, type TestDatabase } from './test-database';
import { withDatabaseName } from './database';

describe('a pool whose connection the server ends', () => {
  let database: TestDatabase;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase(testServices().postgresUrl, 'pool_loss');
    admin = new Client({ connectionString: withDatabaseName(database.url, 'postgres') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await database.drop();
  });

  it('gives back a connection lost while checked out, even when its holder never releases it', async () => {
    const handle = connectDatabase(database.url, { max: 1 });
    const client = await handle.pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);

    // What drizzle's transaction() does when BEGIN fails: throw, without releasing the client.
    const failure = await client.query('BEGIN').then(
      () => null,
      (error: unknown) => error,
    );
    expect(isConnectionLost(failure)).toBe(true);
    expect(handle.pool.totalCount).toBe(0);

    // The next request gets a new connection; end() does not wait for the lost one.
    await expect(handle.db.execute(sql`SELECT 1 AS one`)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    client.release(); // a late release by the holder is harmless
    await handle.close();
  });

  it('keeps a transaction that met a lost connection from leaking its client', async () => {
    const handle = connectDatabase(database.url, { max: 1 });
    const outcome = await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_terminate_backend(pg_backend_pid())`);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isConnectionLost(outcome)).toBe(true);
    await expect(handle.db.execute(sql`SELECT 1 AS one`)).resolves.toMatchObject({ rows: [{ one: 1 }] });
    await handle.close();
  });
});
