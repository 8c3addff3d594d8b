// Real: PostgreSQL, RabbitMQ, the messaging fixture service started in this process with
// startService. PostgreSQL is shared, so it is not restarted: the test ends the service's
// connections to its own throwaway database with pg_terminate_backend, which is what a restart
// or a failover does to them. Faked: nothing.
import { Client } from 'pg';
import { ArborError } from '@arbor/contracts';
import { databaseNameOf, withDatabaseName } from '@arbor/database';
import { RecordItem } from '../../test/fixtures/fixture.contracts';
import { createFixtureWorld, type FixtureWorld } from '../../test/fixtures/fixture-service';

type Outcome = 'ok' | ArborError | Error;

describe('a service that loses its database connections', () => {
  let world: FixtureWorld;
  let admin: Client;

  beforeAll(async () => {
    world = await createFixtureWorld('db_loss', { rpcTimeoutMs: 10_000 });
    await world.startService();
    admin = new Client({ connectionString: withDatabaseName(world.database.url, 'postgres') });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await world.teardown();
  });

  /** Ends every connection to the fixture's database (the service's, the relay's, the test's). */
  async function terminateConnections(): Promise<number> {
    const { rowCount } = await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [databaseNameOf(world.database.url)],
    );
    return rowCount ?? 0;
  }

  let sequence = 0;
  const write = (): Promise<Outcome> =>
    world.bus.send(RecordItem, { label: 'steady', sequence: (sequence += 1) }).then(
      () => 'ok' as const,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );

  it('answers service_unavailable with a retry time, never internal, and recovers', async () => {
    const outcomes: Outcome[] = [];
    let unavailable = 0;
    let writing = true;
    // Four steady writers: some of their queries are always in flight when connections end.
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        const outcome = await write();
        outcomes.push(outcome);
        if (outcome instanceof ArborError && outcome.code === 'service_unavailable') unavailable += 1;
      }
    });
    try {
      const deadline = Date.now() + 30_000;
      // Until a request has been caught by it (an idle connection that ends is replaced unseen).
      while (unavailable < 2 && Date.now() < deadline) {
        await terminateConnections();
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }

    const failures = outcomes.filter((outcome) => outcome !== 'ok');
    expect(unavailable).toBeGreaterThanOrEqual(2);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(ArborError);
      expect(failure).toMatchObject({ code: 'service_unavailable', details: { retryAfterSeconds: 2 } });
    }
    expect(outcomes.filter((outcome) => outcome === 'ok').length).toBeGreaterThan(0);

    // Recovered: the pool opened new connections, every request succeeds again.
    const after = await Promise.all(Array.from({ length: 20 }, () => write()));
    expect(after).toEqual(Array.from({ length: 20 }, () => 'ok'));
  });
});
