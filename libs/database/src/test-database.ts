import { randomBytes } from 'node:crypto';
import { connectDatabase, databaseNameOf, type DatabaseHandle, withDatabaseName } from './database';
import { dropDatabase, ensureDatabase } from './ensure-database';
import { migrateDatabase } from './migrate';

/**
 * Tests only ever touch databases whose name says they are for tests, so that a mistyped
 * variable can never point a test's DROP at a real practice's data.
 */
export function assertTestDatabase(url: string): void {
  const name = databaseNameOf(url);
  if (!/(^|_)test(_|$)/.test(name)) {
    throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  }
}

export interface TestDatabase extends DatabaseHandle {
  readonly url: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * A throwaway database on the server of `serverUrl`, migrated with `migrationsFolder` when given.
 */
export async function createTestDatabase(
  serverUrl: string,
  label: string,
  migrationsFolder?: string,
): Promise<TestDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const url = withDatabaseName(serverUrl, `arbor_test_${safeLabel}_${randomBytes(4).toString('hex')}`);
  assertTestDatabase(url);
  if (migrationsFolder) {
    await migrateDatabase(url, migrationsFolder);
  } else {
    await ensureDatabase(url);
  }
  const handle = connectDatabase(url, { max: 5 });
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      assertTestDatabase(url);
      await dropDatabase(url);
    },
  };
}
