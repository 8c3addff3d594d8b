import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { isConnectionLost } from './pg-errors';

export type Database = NodePgDatabase<Record<string, never>>;
/** What a transaction callback receives: the same query API, inside the transaction. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Code that works either inside or outside a transaction takes this. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  readonly db: Database;
  readonly pool: Pool;
  close(): Promise<void>;
}

/**
 * A pool whose checked-out connections survive the server ending them (a restart, a failover,
 * `pg_terminate_backend`). pg leaves two holes there, both closed here:
 * - a checked-out client has no `error` listener, so the server ending its connection between
 *   two queries raises an unhandled `error` event: it is listened to while checked out;
 * - drizzle's `transaction()` never releases its client when `BEGIN` itself fails, so every lost
 *   connection met at BEGIN leaks one slot of the pool until `end()` hangs: a client whose query
 *   fails with a lost connection is released (and so destroyed) at once, and releasing twice is
 *   a no-op instead of a throw.
 * The request that met the lost connection still fails (it is answered `service_unavailable`);
 * the next one gets a new connection.
 */
class ResilientPool extends Pool {
  constructor(config: PoolConfig) {
    super(config);
    // From the moment a client leaves the pool (synchronously: the server's goodbye can arrive
    // in the same packet as the end of the connection's start-up) until it is back.
    const listening = new WeakMap<PoolClient, () => void>();
    this.on('acquire', (client) => {
      const ignore = () => undefined; // the failing query reports it
      listening.set(client, ignore);
      client.on('error', ignore);
    });
    this.on('release', (_error: Error | undefined, client: PoolClient) => {
      const ignore = listening.get(client);
      if (ignore) client.removeListener('error', ignore);
      listening.delete(client);
    });
  }

  override connect(): Promise<PoolClient>;
  override connect(
    callback: (
      err: Error | undefined,
      client: PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void;
  override connect(
    callback?: (
      err: Error | undefined,
      client: PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): Promise<PoolClient> | void {
    // pg-pool's own query() checks out with a callback and releases on every error itself.
    if (callback) return super.connect(callback);
    return super.connect().then(releaseWhenLost);
  }
}

function releaseWhenLost(client: PoolClient): PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const releaseOnce = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    release(error);
  };
  client.release = releaseOnce;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        if (isConnectionLost(error)) releaseOnce(error instanceof Error ? error : true);
        throw error;
      });
    }
    return result;
  };
  return client;
}

export function connectDatabase(
  url: string,
  options: Omit<PoolConfig, 'connectionString'> = {},
): DatabaseHandle {
  const pool = new ResilientPool({ connectionString: url, max: 10, ...options });
  // An idle client losing its connection (database restart) must not crash the process; the
  // pool replaces it on the next checkout.
  pool.on('error', () => undefined);
  const db = drizzle({ client: pool });
  return {
    db,
    pool,
    close: () => pool.end(),
  };
}

/** The database name in a postgres URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`database URL names no database: ${redactUrl(url)}`);
  return name;
}

/** The same server, another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** A URL fit for logs and error messages: no password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
