// The identity service as the sign-in benchmarks need it: the built app (dist/identity, built here
// if missing or stale) in a process of its own, on a throwaway database migrated by its own migrate step,
// with the environment the gateway's end-to-end tests give it. Owned by main.ts.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { builtEntry, runAppOnce, startAppProcess, type AppProcess } from '@arbor/testing';
import { httpRequest } from './scenarios/gateway';
import { sleep, within } from './stats';

const ROOT = path.join(__dirname, '..', '..');

export interface RunningIdentity {
  readonly process: AppProcess;
  /** Its ops port (`/health/ready`, `/metrics`), read from its start-up log; asked on 127.0.0.1. */
  readonly opsPort: number;
}

const SOURCE_ROOTS = [path.join(ROOT, 'apps', 'identity', 'src'), path.join(ROOT, 'libs')];
const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$/;

/** The first source file (app or any library, tests aside) changed after `since`, if any. */
function changedSince(since: number): string | null {
  const walk = (dir: string): string | null => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name === 'test') continue;
        const found = walk(full);
        if (found) return found;
      } else if (
        entry.name.endsWith('.ts') &&
        !TEST_FILE.test(entry.name) &&
        statSync(full).mtimeMs > since
      ) {
        return full;
      }
    }
    return null;
  };
  for (const root of SOURCE_ROOTS) {
    const found = walk(root);
    if (found) return found;
  }
  return null;
}

/**
 * Builds identity with the repository's build script when dist/identity is missing or older than
 * its sources (a stale build would measure code that is no longer there).
 */
export async function ensureIdentityBuilt(log: (message: string) => void): Promise<void> {
  try {
    builtEntry('identity', 'migrate');
    const changed = changedSince(statSync(builtEntry('identity', 'main')).mtimeMs);
    if (!changed) return;
    log(`dist/identity is older than ${path.relative(ROOT, changed)}: rebuilding it`);
  } catch {
    log('dist/identity is missing: building it');
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'tools', 'scripts', 'build-app.mjs'), 'identity'],
    { cwd: ROOT, timeout: 120_000 },
  );
  log(stdout.trim());
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
  return within(runAppOnce('identity', 'migrate', env), 60_000, 'identity migrate');
}

function opsPortIn(output: string): number | null {
  for (const line of output.split('\n')) {
    if (!line.includes('ops server listening')) continue;
    try {
      const port = (JSON.parse(line) as { port?: unknown }).port;
      if (typeof port === 'number') return port;
    } catch {
      // not a JSON log line
    }
  }
  return null;
}

/** Starts identity and waits until its ops port answers ready (it then consumes its RPC queue). */
export async function startIdentity(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunningIdentity> {
  const running = startAppProcess('identity', env);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (running.child.exitCode !== null || running.child.signalCode !== null) {
        throw new Error(`identity exited during start-up:\n${running.output()}`);
      }
      if (Date.now() > deadline)
        throw new Error(`identity was not ready within ${timeoutMs} ms:\n${running.output()}`);
      const opsPort = opsPortIn(running.output());
      if (opsPort !== null) {
        const ready = await httpRequest(undefined, opsPort, '/health/ready').catch(() => null);
        if (ready?.status === 200) return { process: running, opsPort };
      }
      await sleep(100);
    }
  } catch (error) {
    await stopIdentity({ process: running, opsPort: 0 });
    throw error;
  }
}

/** SIGTERM (identity stops cleanly), SIGKILL if it has not exited 10 s later. */
export async function stopIdentity(identity: RunningIdentity): Promise<void> {
  const { child } = identity.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    await within(identity.process.stop('SIGTERM'), 10_000, 'identity stop');
  } catch {
    child.kill('SIGKILL');
    await identity.process.exited;
  }
}
