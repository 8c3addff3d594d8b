import { Client } from 'pg';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { connectDatabase } from './database';
import { ensureDatabase } from './ensure-database';

/** Any constant works; it only has to be the same for every replica of every service. */
const MIGRATION_LOCK_KEY = 0x4152424f; // "ARBO"

/**
 * The migrate step every service runs before it starts (and Kubernetes runs as a Job): create
 * the database if missing, then apply the committed drizzle-kit migrations in order. A session
 * advisory lock, held on its own connection, makes concurrent runs wait instead of racing (the
 * drizzle migrator runs its own transaction, so the lock cannot live inside it).
 */
export async function migrateDatabase(url: string, migrationsFolder: string): Promise<{ created: boolean }> {
  const { created } = await ensureDatabase(url);
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const handle = connectDatabase(url, { max: 1 });
    try {
      await migrate(handle.db, { migrationsFolder });
    } finally {
      await handle.close();
    }
  } finally {
    await lock.end(); // ending the session releases the lock
  }
  return { created };
}
