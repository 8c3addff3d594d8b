import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Where `node tools/scripts/build-app.mjs <app>` put an app's entry point. */
export function builtEntry(app: string, entry: 'main' | 'migrate' = 'main'): string {
  const file = path.join(REPO_ROOT, 'dist', app, 'apps', app, 'src', `${entry}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first (npx nx run ${app}:build)`);
  return file;
}

export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far, for a failing test's message. */
  output(): string;
  /** Resolves when it exits, with its exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a built app as its own process, the way `npm start`, compose and Kubernetes run it. */
export function startAppProcess(
  app: string,
  env: Record<string, string>,
  entry: 'main' | 'migrate' = 'main',
): AppProcess {
  const child = spawn(process.execPath, [builtEntry(app, entry)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a one-shot entry (the migrate step) to completion; rejects with its output if it fails. */
export async function runAppOnce(
  app: string,
  entry: 'migrate',
  env: Record<string, string>,
): Promise<string> {
  const run = startAppProcess(app, env, entry);
  const { code, signal } = await run.exited;
  if (code !== 0) throw new Error(`${app} ${entry} exited with ${code ?? signal}:\n${run.output()}`);
  return run.output();
}
