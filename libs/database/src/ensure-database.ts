import { Client } from 'pg';
import { databaseNameOf, withDatabaseName } from './database';

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdentifier(name: string): string {
  if (!SAFE_NAME.test(name))
    throw new Error(`refusing database name "${name}": use lower-case letters, digits and _`);
  return `"${name}"`;
}

/**
 * Creates the database named in `url` if it does not exist, connecting to the server's
 * `postgres` maintenance database to do it. Safe to run from several migrate jobs at once.
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return { created: false };
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return { created: true };
    } catch (error) {
      // Another migrate job created it between our check and our CREATE.
      if ((error as { code?: string }).code === '42P04') return { created: false };
      throw error;
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
