// The identity service as the sign-in benchmarks need it: the built app (dist/identity, built here
// if missing or stale) in a process of its own, on a throwaway database migrated by its own migrate step,
// with the environment the gateway's end-to-end tests give it. Owned by main.ts.
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { ensureBuilt, migrate, startApp, stopApp, type RunningApp } from './service-process';

export type RunningIdentity = RunningApp;

/** Builds identity when dist/identity is missing or older than its sources. */
export function ensureIdentityBuilt(log: (message: string) => void): Promise<void> {
  return ensureBuilt('identity', log);
}

/** A throwaway database (`arbor_test_bench_identity_<random>`) and identity's environment for it. */
export async function identityDatabase(
  postgresUrl: string,
  rabbitmqUrl: string,
  namespace: string,
): Promise<{ database: TestDatabase; env: Record<string, string> }> {
  const database = await createTestDatabase(postgresUrl, 'bench_identity');
  const env = {
    ARBOR_IDENTITY_DATABASE_URL: database.url,
    ARBOR_IDENTITY_OPS_PORT: '0',
    ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `t1:${randomBytes(32).toString('base64')}`,
    ARBOR_WEB_ORIGIN: 'https://arbor.test',
    ARBOR_RABBITMQ_URL: rabbitmqUrl,
    ARBOR_BUS_NAMESPACE: namespace,
    // `info` logs only start and stop (the ops port is read from the start-up line), no request.
    ARBOR_LOG_LEVEL: 'info',
  };
  return { database, env };
}

export function migrateIdentity(env: Record<string, string>): Promise<string> {
  return migrate('identity', env);
}

/** Starts identity and waits until its ops port answers ready (it then consumes its RPC queue). */
export function startIdentity(env: Record<string, string>, timeoutMs = 60_000): Promise<RunningIdentity> {
  return startApp('identity', env, timeoutMs);
}

/** SIGTERM (identity stops cleanly), SIGKILL if it has not exited 10 s later. */
export function stopIdentity(identity: RunningIdentity): Promise<void> {
  return stopApp(identity);
}
