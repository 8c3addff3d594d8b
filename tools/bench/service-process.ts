// A built service app as the benchmarks run it: dist/<app> (built here if missing or older than
// its sources), its migrate step on a throwaway database, then the app in a process of its own,
// ready once its ops port answers. Owned by main.ts.
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { builtEntry, runAppOnce, startAppProcess, type AppProcess } from '@arbor/testing';
import { httpRequest } from './scenarios/gateway';
import { sleep, within } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const TEST_FILE = /\.(spec|integration-spec|e2e-spec)\.ts$/;

export interface RunningApp {
  readonly app: string;
  readonly process: AppProcess;
  /** Its ops port (`/health/ready`, `/metrics`), read from its start-up log; asked on 127.0.0.1. */
  readonly opsPort: number;
}

/** The first source file of the app or of any library (tests aside) changed after `since`. */
function changedSince(app: string, since: number): string | null {
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
  for (const root of [path.join(ROOT, 'apps', app, 'src'), path.join(ROOT, 'libs')]) {
    const found = walk(root);
    if (found) return found;
  }
  return null;
}

/**
 * Builds the app with the repository's build script when its build is missing or older than its
 * sources (a stale build would measure code that is no longer there).
 */
export async function ensureBuilt(app: string, log: (message: string) => void): Promise<void> {
  try {
    builtEntry(app, 'migrate');
    const changed = changedSince(app, statSync(builtEntry(app, 'main')).mtimeMs);
    if (!changed) return;
    log(`dist/${app} is older than ${path.relative(ROOT, changed)}: rebuilding it`);
  } catch {
    log(`dist/${app} is missing: building it`);
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(ROOT, 'tools', 'scripts', 'build-app.mjs'), app],
    { cwd: ROOT, timeout: 180_000 },
  );
  log(stdout.trim());
}

export function migrate(app: string, env: Record<string, string>): Promise<string> {
  return within(runAppOnce(app, 'migrate', env), 60_000, `${app} migrate`);
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

/**
 * Starts the app (its environment should say `ARBOR_LOG_LEVEL=info`: start and stop only, and the
 * ops port) and waits until its ops port answers ready.
 */
export async function startApp(
  app: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunningApp> {
  const running = startAppProcess(app, env);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (running.child.exitCode !== null || running.child.signalCode !== null) {
        throw new Error(`${app} exited during start-up:\n${running.output()}`);
      }
      if (Date.now() > deadline)
        throw new Error(`${app} was not ready within ${timeoutMs} ms:\n${running.output()}`);
      const opsPort = opsPortIn(running.output());
      if (opsPort !== null) {
        const ready = await httpRequest(undefined, opsPort, '/health/ready').catch(() => null);
        if (ready?.status === 200) return { app, process: running, opsPort };
      }
      await sleep(100);
    }
  } catch (error) {
    await stopApp({ app, process: running, opsPort: 0 });
    throw error;
  }
}

/** SIGTERM (services stop cleanly), SIGKILL if it has not exited 10 s later. */
export async function stopApp(running: RunningApp): Promise<void> {
  const { child } = running.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    await within(running.process.stop('SIGTERM'), 10_000, `${running.app} stop`);
  } catch {
    child.kill('SIGKILL');
    await running.process.exited;
  }
}
