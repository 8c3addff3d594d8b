// `npm run bench`: Arbor's messaging against bare NestJS and raw amqplib on the local RabbitMQ and
// PostgreSQL, then sign-in and tokens through the gateway against the identity process, then notes
// through the gateway against identity, client-records and notes processes, then the web app
// (initial bundle from dist/web; page loads in headless chromium), then Client Billing through the
// gateway against the six services it needs and the processor sandbox, in one run, cleaning up
// everything it creates; `npm run bench -- web` and `npm run bench -- billing` run one phase alone. Each scenario runs in a worker process of its own
// (worker.ts); this process owns the databases, the bus namespace, the identity process and the
// report. See docs/benchmarks.md.
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { deleteBusNamespace } from '@arbor/messaging';
import { LOCAL_SERVICES } from '@arbor/testing';
import {
  ensureIdentityBuilt,
  identityDatabase,
  migrateIdentity,
  startIdentity,
  stopIdentity,
  type RunningIdentity,
} from './identity';
import { ensureBuilt, migrate, startApp, stopApp, type RunningApp } from './service-process';
import {
  AUTH_SCENARIOS,
  RPC_SCENARIOS,
  type AuthScenario,
  type NotesRun,
  type RpcCounts,
  type RpcScenario,
  type VerificationRun,
  type WorkerReply,
  type WorkerResult,
  type WorkerTask,
  type World,
} from './protocol';
import {
  authChecks,
  billingTables,
  billingTargets,
  consoleReport,
  targets,
  webTables,
  webTargets,
  writeBillingDocument,
  writeDocument,
  writeWebDocument,
  type BillingResults,
  type WebResults,
  type AuthResults,
  type Machine,
  type NotesResults,
  type Results,
  type Target,
} from './report';
import { BILLING_SERVICES, startProcessorProxy, startTool, type BillingRun } from './scenarios/billing';
import type { EventRun } from './scenarios/events';
import { initialBundle, type WebRun } from './scenarios/web';
import { summarize, throughput, within, type ConcurrentRun } from './stats';
import { FIXTURE_MIGRATIONS, FIXTURE_SERVICE } from './targets';

const env = process.env;
const number = (name: string, fallback: number) => {
  const value = Number(env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const SETTINGS = {
  postgresUrl: env['BENCH_POSTGRES_URL'] ?? LOCAL_SERVICES.postgresUrl,
  rabbitmqUrl: env['BENCH_RABBITMQ_URL'] ?? LOCAL_SERVICES.rabbitmqUrl,
  /** The gateway keeps its rate-limit counters here. */
  redisUrl: env['BENCH_REDIS_URL'] ?? LOCAL_SERVICES.redisUrl,
  /** Interleaved rounds: every scenario runs once per round, in a fresh worker. */
  rounds: number('BENCH_ROUNDS', 2),
  /** Sequential round trips measured per scenario (after the warm-up), over all rounds. */
  sequential: number('BENCH_SEQUENTIAL', 2000),
  warmup: number('BENCH_WARMUP', 500),
  inFlight: number('BENCH_IN_FLIGHT', 50),
  /** Requests measured per scenario at `inFlight`, over all rounds. */
  concurrent: number('BENCH_CONCURRENT', 20_000),
  events: number('BENCH_EVENTS', 5000),
  eventsPerTransaction: number('BENCH_EVENTS_PER_TX', 50),
  eventWriters: number('BENCH_EVENT_WRITERS', 4),
  eventPrefetch: 16, // ArborEventServer's default
  /** Logins through the gateway, argon2id verifications alone and refreshes, over all rounds. */
  logins: number('BENCH_LOGINS', 200),
  argon2: number('BENCH_ARGON2', 200),
  refreshes: number('BENCH_REFRESHES', 1000),
  /** Notes through the gateway: notes added and page reads measured, over all rounds. */
  noteAdds: number('BENCH_NOTE_ADDS', 200),
  noteLists: number('BENCH_NOTE_LISTS', 200),
  notesPerClient: 50,
  noteBodyChars: 2048,
  /** The web app: page loads measured per page, over all rounds, and the profiled client's notes. */
  webRuns: number('BENCH_WEB_RUNS', 10),
  webNotes: 20,
  /** Client Billing: each open-loop step is held this long (s); req/s offered per step. */
  billingStepSeconds: number('BENCH_BILLING_STEP_S', 4),
  createRates: [10, 25, 50, 100],
  payRates: [5, 10, 20],
  billingInFlight: 16,
  billingClients: 10,
  alerts: number('BENCH_ALERTS', 50),
  alertRate: 5,
  rpcTimeoutMs: 5000,
  workerTimeoutMs: 120_000,
  /** The whole run, cleanup included, stops after this. */
  timeLimitMs: number('BENCH_TIME_LIMIT_MS', 9 * 60_000),
  writeDoc: env['BENCH_WRITE_DOC'] !== '0',
  profileDir: env['BENCH_PROFILE_DIR'],
};
const ROOT = path.join(__dirname, '..', '..');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const DIST_WEB = path.join(ROOT, 'dist', 'web');
/** `npm run bench -- web`: the web scenario alone (its own block of the document). */
const ONLY_WEB = process.argv[2] === 'web';
/** `npm run bench -- billing`: the Client Billing phase alone (its own block of the document). */
const ONLY_BILLING = process.argv[2] === 'billing';
const WORKER = path.join(__dirname, 'worker.ts');

const T0 = performance.now();
const log = (message: string) =>
  process.stderr.write(`[bench ${((performance.now() - T0) / 1000).toFixed(1)}s] ${message}\n`);

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Everything created, undone last-first; each step bounded so a stuck one cannot hang the run. */
const cleanups: Array<{ name: string; run: () => Promise<unknown> }> = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await within(step.run(), 20_000, `cleanup: ${step.name}`);
      } catch (error) {
        log(`cleanup step "${step.name}" failed: ${describe(error)}`);
        process.exitCode = 1;
      }
    }
    cleanups.length = 0;
  })());
}

const workers = new Set<ChildProcess>();
let aborting = false;
function abort(reason: string, code: number): void {
  log(`${reason}; cleaning up`);
  if (aborting) return;
  aborting = true;
  process.exitCode = code;
  for (const child of workers) child.kill('SIGKILL');
  setTimeout(() => process.exit(code), 60_000).unref();
  void cleanup().finally(() => process.exit(code));
}

/** Runs one task in a fresh worker process and returns its result; kills it if it overruns. */
function runWorker(task: WorkerTask, timeoutMs = SETTINGS.workerTimeoutMs): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], {
      // The worker is TypeScript too; a --cpu-prof of this process is not passed on (profile a
      // worker by running it with its own flags).
      execArgv: process.execArgv.includes('@swc-node/register')
        ? process.execArgv.filter((arg) => !arg.startsWith('--cpu-prof'))
        : ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? path.join(__dirname, 'tsconfig.json'),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    workers.add(child);
    let reply: WorkerReply | null = null;
    const timer = setTimeout(() => {
      log(`worker ${child.pid} overran ${timeoutMs} ms; killing it`);
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('message', (message: WorkerReply) => (reply = message));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      workers.delete(child);
      const answer = reply;
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(answer ? answer.error : `worker exited (${signal ?? code}) without an answer`));
    });
    child.send(task);
  });
}

async function machine(database: TestDatabase): Promise<Machine> {
  const connection = await amqp.connect(SETTINGS.rabbitmqUrl);
  const serverProperties = (
    connection.connection as unknown as { serverProperties?: Record<string, unknown> }
  ).serverProperties;
  await connection.close();
  const pg = await database.pool.query<{ version: string; sc: string; fsync: string; sb: string }>(
    "SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync, current_setting('shared_buffers') AS sb",
  );
  const row = pg.rows[0];
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    rabbitmq: typeof serverProperties?.['version'] === 'string' ? serverProperties['version'] : 'unknown',
    postgres: row?.version ?? 'unknown',
    postgresSettings: row ? `synchronous_commit=${row.sc}, fsync=${row.fsync}, shared_buffers=${row.sb}` : '',
    os: `${os.type()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
    loadAtStart: os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' / '),
  };
}

async function main(): Promise<void> {
  const date = new Date().toISOString();
  const namespace = `arbor-bench-${randomBytes(4).toString('hex')}`;
  const queues = {
    nest: `${namespace}.bench.nest.rpc`,
    raw: `${namespace}.bench.raw.rpc`,
    rawEvents: `${namespace}.bench.raw.events`,
    rawDatabaseEvents: `${namespace}.bench.raw-db.events`,
  };
  log(`namespace ${namespace}`);

  const database = await createTestDatabase(SETTINGS.postgresUrl, 'bench', FIXTURE_MIGRATIONS);
  cleanups.push({ name: 'drop database', run: () => database.drop() });
  cleanups.push({
    name: 'delete queues and exchanges',
    run: async () => {
      await deleteBusNamespace(SETTINGS.rabbitmqUrl, namespace, [FIXTURE_SERVICE, ...ALL_APPS]);
      const connection = await amqp.connect(SETTINGS.rabbitmqUrl);
      try {
        const channel = await connection.createChannel();
        for (const queue of Object.values(queues)) await channel.deleteQueue(queue);
        await channel.close();
      } finally {
        await connection.close();
      }
    },
  });
  const machineInfo = await machine(database);
  const world: World = {
    rabbitmqUrl: SETTINGS.rabbitmqUrl,
    databaseUrl: database.url,
    namespace,
    queues,
    rpcTimeoutMs: SETTINGS.rpcTimeoutMs,
    redisUrl: SETTINGS.redisUrl,
  };

  const scenarios = Object.keys(RPC_SCENARIOS) as RpcScenario[];
  const withBurst = new Set<RpcScenario>(['b', 'c', 'd']);
  const samples = new Map<RpcScenario, number[]>(scenarios.map((key) => [key, []]));
  const bursts = new Map<RpcScenario, ConcurrentRun[]>(scenarios.map((key) => [key, []]));
  for (let round = 1; round <= SETTINGS.rounds; round += 1) {
    for (const scenario of scenarios) {
      log(`round ${round}/${SETTINGS.rounds}: ${scenario} ${RPC_SCENARIOS[scenario]}`);
      const result = await runWorker({
        kind: 'rpc',
        scenario,
        warmup: SETTINGS.warmup,
        sequential: Math.ceil(SETTINGS.sequential / SETTINGS.rounds),
        budgetMs: { warmup: 3000, sequential: 10_000 },
        concurrent: withBurst.has(scenario)
          ? { total: Math.ceil(SETTINGS.concurrent / SETTINGS.rounds), inFlight: SETTINGS.inFlight }
          : null,
        world,
      });
      if (result.kind !== 'rpc') throw new Error('worker answered the wrong kind of result');
      samples.get(scenario)?.push(...result.sequential);
      if (result.concurrent) bursts.get(scenario)?.push(result.concurrent);
    }
  }

  const eventRun = async (task: WorkerTask): Promise<EventRun> => {
    const result = await runWorker(task);
    if (result.kind !== 'events') throw new Error('worker answered the wrong kind of result');
    return result.run;
  };
  const eventTimeoutMs = 90_000;
  log(`events: outbox, ${SETTINGS.eventsPerTransaction} per transaction`);
  const outboxBatch = await eventRun({
    kind: 'outbox',
    events: SETTINGS.events,
    perTransaction: SETTINGS.eventsPerTransaction,
    writers: SETTINGS.eventWriters,
    timeoutMs: eventTimeoutMs,
    world,
  });
  log('events: outbox, 1 per transaction');
  const outboxSingle = await eventRun({
    kind: 'outbox',
    events: SETTINGS.events,
    perTransaction: 1,
    writers: SETTINGS.eventWriters,
    timeoutMs: eventTimeoutMs,
    world,
  });
  log('events: raw amqplib');
  const rawEvents = await eventRun({
    kind: 'raw-events',
    events: SETTINGS.events,
    prefetch: SETTINGS.eventPrefetch,
    timeoutMs: eventTimeoutMs,
    world,
  });
  log('events: raw amqplib + pg (inbox + effect per message)');
  const rawDatabaseEvents = await eventRun({
    kind: 'raw-db-events',
    events: SETTINGS.events,
    prefetch: SETTINGS.eventPrefetch,
    timeoutMs: eventTimeoutMs,
    world,
  });

  const auth = await authPhase(world);
  const notes = await notesPhase(world);
  const web = await webPhase(world, date);
  const billing = await billingPhase(world, date);

  const results: Results = {
    date,
    machine: machineInfo,
    namespace,
    inFlight: SETTINGS.inFlight,
    sequential: scenarios.map((key) => ({
      key,
      label: RPC_SCENARIOS[key],
      summary: summarize(samples.get(key) ?? []),
    })),
    concurrent: [...withBurst].map((key) => ({
      key,
      label: RPC_SCENARIOS[key],
      summary: throughput(bursts.get(key) ?? []),
    })),
    events: [
      {
        key: 'outbox-batch',
        label: `Arbor: emitEvent → outbox → relay → ArborEventServer, ${SETTINGS.eventsPerTransaction} events/transaction`,
        run: outboxBatch,
      },
      { key: 'outbox-single', label: 'same, 1 event/transaction', run: outboxSingle },
      {
        key: 'raw',
        label: `raw amqplib: persistent + confirms → quorum queue → manual ack (prefetch ${SETTINGS.eventPrefetch})`,
        run: rawEvents,
      },
      {
        key: 'raw-db',
        label:
          'same + plain pg per message: one transaction with the inbox claim and the effect row (no outbox)',
        run: rawDatabaseEvents,
      },
    ],
    eventWriters: SETTINGS.eventWriters,
    auth,
    notes,
    web,
    rounds: SETTINGS.rounds,
    durationS: (performance.now() - T0) / 1000,
  };
  process.stdout.write(`\n${consoleReport(results)}\n\n`);
  process.stdout.write(`${billingTables(billing).replace(/\*\*|`/g, '')}\n\n`);
  const missed = [
    ...targets(results),
    ...authChecks(results),
    ...webTargets(web),
    ...billingTargets(billing),
  ].filter((t) => !t.met);
  process.stdout.write(
    missed.length ? `targets missed: ${missed.map((t) => t.name).join('; ')}\n` : 'all targets met\n',
  );
  if (SETTINGS.writeDoc) {
    await writeDocument(DOC, results);
    await writeWebDocument(DOC, web);
    await writeBillingDocument(DOC, billing);
    log(`wrote ${path.relative(process.cwd(), DOC)}`);
  }
}

/**
 * `npm run bench -- <phase>`: one phase alone (web, billing), with its own bus namespace
 * `arbor-bench-<phase>-<random>` and databases, rewriting only its own block of the document.
 */
async function mainOnePhase<R>(phase: {
  name: string;
  run: (
    world: Pick<World, 'rabbitmqUrl' | 'redisUrl' | 'namespace' | 'rpcTimeoutMs'>,
    date: string,
  ) => Promise<R>;
  tables: (results: R) => string;
  targets: (results: R) => Target[];
  write: (file: string, results: R) => Promise<void>;
}): Promise<void> {
  const namespace = `arbor-bench-${phase.name}-${randomBytes(4).toString('hex')}`;
  log(`namespace ${namespace}`);
  cleanups.push({
    name: 'delete queues and exchanges',
    run: () => deleteBusNamespace(SETTINGS.rabbitmqUrl, namespace, [...ALL_APPS]),
  });
  const results = await phase.run(
    {
      rabbitmqUrl: SETTINGS.rabbitmqUrl,
      redisUrl: SETTINGS.redisUrl,
      namespace,
      rpcTimeoutMs: SETTINGS.rpcTimeoutMs,
    },
    new Date().toISOString(),
  );
  process.stdout.write(`\n${phase.tables(results).replace(/\*\*|`/g, '')}\n\n`);
  const missed = phase.targets(results).filter((t) => !t.met);
  process.stdout.write(
    missed.length ? `targets missed: ${missed.map((t) => t.name).join('; ')}\n` : 'all targets met\n',
  );
  if (SETTINGS.writeDoc) {
    await phase.write(DOC, results);
    log(`wrote ${path.relative(process.cwd(), DOC)}`);
  }
}

/**
 * Sign-in and tokens: identity (built if missing or stale) in a process of its own on a throwaway database,
 * then the auth scenarios in interleaved rounds, each in a fresh worker with its own gateway.
 */
async function authPhase(world: World): Promise<AuthResults> {
  await ensureIdentityBuilt(log);
  log('identity: database, migrate, start');
  const { database, env } = await identityDatabase(
    SETTINGS.postgresUrl,
    SETTINGS.rabbitmqUrl,
    world.namespace,
  );
  cleanups.push({ name: 'drop identity database', run: () => database.drop() });
  await migrateIdentity(env);
  const identity: RunningIdentity = await startIdentity(env);
  const stop = { name: 'stop identity', run: () => stopIdentity(identity) };
  cleanups.push(stop);
  log(`identity ready (pid ${identity.process.child.pid}, ops port ${identity.opsPort})`);

  const plan: Record<
    AuthScenario,
    { warmup: number; total: number; budgetMs: { warmup: number; sequential: number } }
  > = {
    login: { warmup: 3, total: SETTINGS.logins, budgetMs: { warmup: 5000, sequential: 12_000 } },
    argon2: { warmup: 3, total: SETTINGS.argon2, budgetMs: { warmup: 3000, sequential: 10_000 } },
    refresh: { warmup: 50, total: SETTINGS.refreshes, budgetMs: { warmup: 3000, sequential: 10_000 } },
    verification: {
      warmup: SETTINGS.warmup,
      total: SETTINGS.sequential,
      budgetMs: { warmup: 3000, sequential: 10_000 },
    },
  };
  const samples = { login: [] as number[], argon2: [] as number[], refresh: [] as number[] };
  const handler = { login: { ms: 0, requests: 0 }, refresh: { ms: 0, requests: 0 } };
  const verification: VerificationRun[] = [];
  const scenarios = Object.keys(AUTH_SCENARIOS) as AuthScenario[];
  for (let round = 1; round <= SETTINGS.rounds; round += 1) {
    for (const scenario of scenarios) {
      log(`auth round ${round}/${SETTINGS.rounds}: ${scenario} ${AUTH_SCENARIOS[scenario]}`);
      const { warmup, total, budgetMs } = plan[scenario];
      const result = await runWorker({
        kind: 'auth',
        scenario,
        warmup,
        sequential: Math.ceil(total / SETTINGS.rounds),
        budgetMs,
        identityOpsPort: identity.opsPort,
        world,
      });
      if (result.kind === 'verification' && scenario === 'verification') verification.push(result.run);
      else if (result.kind === 'auth' && scenario !== 'verification') {
        samples[scenario].push(...result.sequential);
        if (result.handler && scenario !== 'argon2') {
          handler[scenario].ms += result.handler.ms;
          handler[scenario].requests += result.handler.requests;
        }
      } else throw new Error('worker answered the wrong kind of result');
    }
  }
  await stop.run(); // idle from here on; the cleanup step finds it stopped
  const sum = (counts: RpcCounts[]): RpcCounts => {
    const total: RpcCounts = {};
    for (const count of counts)
      for (const [pattern, n] of Object.entries(count)) total[pattern] = (total[pattern] ?? 0) + n;
    return total;
  };
  return {
    login: summarize(samples.login),
    argon2: summarize(samples.argon2),
    refresh: summarize(samples.refresh),
    signedIn: summarize(verification.flatMap((run) => run.signedIn)),
    public: summarize(verification.flatMap((run) => run.public)),
    verifyAlone: summarize(verification.flatMap((run) => run.verifyAlone)),
    handlerMeanMs: {
      login: handler.login.ms / handler.login.requests,
      refresh: handler.refresh.ms / handler.refresh.requests,
    },
    identityCallsBefore: sum(verification.map((run) => run.identityCallsBefore)),
    identityCallsMeasured: sum(verification.map((run) => run.identityCallsMeasured)),
  };
}

/**
 * Notes: identity, client-records and notes (each built if missing or stale) in processes of their
 * own, on throwaway databases, then the notes scenario once per round, each in a fresh worker with
 * its own gateway and its own practice.
 */
async function notesPhase(world: World): Promise<NotesResults> {
  const { running, envs, notesKeys, stopAll } = await startServiceApps(world, 'notes');
  const notes = running.get('notes')!;
  const runs: NotesRun[] = [];
  for (let round = 1; round <= SETTINGS.rounds; round += 1) {
    log(`notes round ${round}/${SETTINGS.rounds}`);
    const result = await runWorker({
      kind: 'notes',
      plan: {
        notesPerClient: SETTINGS.notesPerClient,
        bodyChars: SETTINGS.noteBodyChars,
        warmup: 10,
        adds: Math.ceil(SETTINGS.noteAdds / SETTINGS.rounds),
        lists: Math.ceil(SETTINGS.noteLists / SETTINGS.rounds),
        budgetMs: { warmup: 5000, sequential: 15_000 },
        notesOpsPort: notes.opsPort,
        notesDatabaseUrl: envs.notes['ARBOR_NOTES_DATABASE_URL']!,
        notesKeys,
      },
      world,
    });
    if (result.kind !== 'notes') throw new Error('worker answered the wrong kind of result');
    runs.push(result.run);
  }
  await stopAll();
  const mean = (pick: (run: NotesRun) => { ms: number; requests: number }) => {
    const total = runs.reduce(
      (sum, run) => ({ ms: sum.ms + pick(run).ms, requests: sum.requests + pick(run).requests }),
      {
        ms: 0,
        requests: 0,
      },
    );
    return total.ms / total.requests;
  };
  return {
    notesPerPage: SETTINGS.notesPerClient,
    bodyChars: SETTINGS.noteBodyChars,
    add: summarize(runs.flatMap((run) => run.add)),
    list: summarize(runs.flatMap((run) => run.list)),
    listOne: summarize(runs.flatMap((run) => run.listOne)),
    decrypt: summarize(runs.flatMap((run) => run.decrypt)),
    handlerMeanMs: { add: mean((run) => run.addHandler), list: mean((run) => run.listHandler) },
  };
}

const SERVICE_APPS = ['identity', 'client-records', 'notes'] as const;
type ServiceApp = (typeof SERVICE_APPS)[number] | (typeof BILLING_SERVICES)[number];
const ALL_APPS: readonly ServiceApp[] = [...new Set<ServiceApp>([...SERVICE_APPS, ...BILLING_SERVICES])];

/**
 * `apps` (each built if missing or stale; by default identity, client-records and notes) in
 * processes of their own, on throwaway databases (`arbor_test_bench_<phase>_<service>_<random>`),
 * on `world`'s bus, each with the environment the e2e tests give it plus `extra`.
 */
async function startServiceApps(
  world: Pick<World, 'rabbitmqUrl' | 'namespace'>,
  phase: string,
  apps: readonly ServiceApp[] = SERVICE_APPS,
  extra: Partial<Record<ServiceApp, Record<string, string>>> = {},
) {
  for (const app of apps) await ensureBuilt(app, log);
  const key = () => randomBytes(32).toString('base64');
  const notesKeys = `bench1:${key()}`;
  const base = {
    ARBOR_RABBITMQ_URL: world.rabbitmqUrl,
    ARBOR_BUS_NAMESPACE: world.namespace,
    // `info` logs only start and stop (the ops port is read from the start-up line), no request.
    ARBOR_LOG_LEVEL: 'info',
    ARBOR_WEB_ORIGIN: 'http://localhost:3000',
    // BENCH_PROFILE_DIR=<dir>: each service writes a V8 CPU profile there when it stops.
    ...(SETTINGS.profileDir
      ? {
          NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.cjs')}`,
          BENCH_PROFILE_DIR: path.resolve(SETTINGS.profileDir),
        }
      : {}),
  };
  const envs: Record<ServiceApp, Record<string, string>> = {
    identity: { ...base, ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `bench1:${key()}` },
    'client-records': {
      ...base,
      ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: `bench1:${key()}`,
      ARBOR_CLIENT_RECORDS_SEARCH_KEY: key(),
    },
    notes: { ...base, ARBOR_NOTES_KEY_ENCRYPTION_KEYS: notesKeys },
    'service-enablement': { ...base },
    // Their background jobs (payment recovery, settling, email) live in Redis, under the namespace.
    payments: {
      ...base,
      ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS: `bench1:${key()}`,
      ARBOR_PAYMENTS_REDIS_URL: SETTINGS.redisUrl,
    },
    invoicing: { ...base, ARBOR_INVOICING_REDIS_URL: SETTINGS.redisUrl },
    notifications: { ...base, ARBOR_NOTIFICATIONS_REDIS_URL: SETTINGS.redisUrl },
  };
  for (const app of apps) Object.assign(envs[app], extra[app]);
  const running = new Map<string, RunningApp>();
  for (const app of apps) {
    const database = await createTestDatabase(
      SETTINGS.postgresUrl,
      `bench_${phase}_${app.replace(/-/g, '_')}`,
    );
    cleanups.push({ name: `drop ${app} database (${phase} phase)`, run: () => database.drop() });
    const prefix = app.toUpperCase().replace(/-/g, '_');
    Object.assign(envs[app], {
      [`ARBOR_${prefix}_DATABASE_URL`]: database.url,
      [`ARBOR_${prefix}_OPS_PORT`]: '0',
    });
    log(`${phase} phase: ${app}: migrate, start`);
    await migrate(app, envs[app]);
    const started = await startApp(app, envs[app]);
    running.set(app, started);
    cleanups.push({ name: `stop ${app} (${phase} phase)`, run: () => stopApp(started) });
  }
  const stopAll = async () => {
    for (const app of [...apps].reverse()) await stopApp(running.get(app)!);
  };
  return { running, envs, notesKeys, stopAll };
}

/** dist/web, built here with Vite when it is missing or older than the web app's sources. */
async function ensureWebBuilt(): Promise<void> {
  const index = path.join(DIST_WEB, 'index.html');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = [path.join(ROOT, 'apps', 'web'), path.join(ROOT, 'libs', 'contracts', 'src')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  log('dist/web is missing or older than apps/web: building it');
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
    ],
    { cwd: ROOT, timeout: 180_000 },
  );
}

/**
 * The web app: the initial bundle measured from dist/web, then page loads in headless chromium
 * through a gateway serving dist/web in front of identity, client-records and notes, in rounds,
 * each in a fresh worker.
 */
async function webPhase(
  world: Pick<World, 'rabbitmqUrl' | 'redisUrl' | 'namespace' | 'rpcTimeoutMs'>,
  date: string,
): Promise<WebResults> {
  await ensureWebBuilt();
  const bundle = initialBundle(DIST_WEB);
  log(`web: initial JS ${(bundle.jsGzipBytes / 1000).toFixed(1)} kB gzip in ${bundle.js.length} files`);
  const { stopAll } = await startServiceApps(world, 'web');
  const runs: WebRun[] = [];
  for (let round = 1; round <= SETTINGS.rounds; round += 1) {
    log(`web round ${round}/${SETTINGS.rounds}`);
    const result = await runWorker({
      kind: 'web',
      plan: {
        distWeb: DIST_WEB,
        runs: Math.ceil(SETTINGS.webRuns / SETTINGS.rounds),
        notesOnProfile: SETTINGS.webNotes,
      },
      world,
    });
    if (result.kind !== 'web') throw new Error('worker answered the wrong kind of result');
    runs.push(result.run);
  }
  await stopAll();
  return {
    date,
    machine: `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average at start ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' / ')}; Node ${process.version}`,
    chromium: runs[0]?.chromium ?? 'unknown',
    bundle,
    notesOnProfile: SETTINGS.webNotes,
    signIn: runs.flatMap((run) => run.signIn),
    profileInfo: runs.flatMap((run) => run.profileInfo),
    profileNotes: runs.flatMap((run) => run.profileNotes),
  };
}

/**
 * Client Billing: the processor sandbox and the mail catcher (as `npm start` runs them), a timing
 * pass-through in front of the sandbox, identity, service-enablement, client-records, payments,
 * invoicing and notifications (each built if missing or stale) in processes of their own, then
 * one worker with the real gateway driving them, beside the raw PostgreSQL-insert +
 * confirmed-publish baseline on a throwaway database of its own.
 */
async function billingPhase(
  world: Pick<World, 'rabbitmqUrl' | 'redisUrl' | 'namespace' | 'rpcTimeoutMs'>,
  date: string,
): Promise<BillingResults> {
  const loadAtStart = os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');
  const sandbox = await startTool(
    'processor-sandbox',
    { ARBOR_SANDBOX_PORT: '0' },
    /listening on (http:\/\/\S+)\n/,
  );
  cleanups.push({ name: 'stop the processor sandbox', run: () => sandbox.stop() });
  const proxy = await startProcessorProxy(sandbox.match[1]!);
  cleanups.push({ name: 'stop the processor proxy', run: () => proxy.close() });
  const mail = await startTool(
    'mail-catcher',
    { ARBOR_MAIL_CATCHER_SMTP_PORT: '0', ARBOR_MAIL_CATCHER_HTTP_PORT: '0' },
    /mail catcher smtp (smtp:\/\/\S+)\n/,
  );
  cleanups.push({ name: 'stop the mail catcher', run: () => mail.stop() });
  log(
    `billing: processor sandbox at ${sandbox.match[1]} (timed through ${proxy.url}), mail catcher at ${mail.match[1]}`,
  );
  const raw = await createTestDatabase(SETTINGS.postgresUrl, 'bench_billing_raw', FIXTURE_MIGRATIONS);
  cleanups.push({ name: 'drop the raw baseline database', run: () => raw.drop() });
  const rawQueue = `${world.namespace}.bench.raw-billing`;
  cleanups.push({
    name: 'delete the raw baseline queue',
    run: async () => {
      const connection = await amqp.connect(SETTINGS.rabbitmqUrl);
      try {
        const channel = await connection.createChannel();
        await channel.deleteQueue(rawQueue);
        await channel.close();
      } finally {
        await connection.close();
      }
    },
  });
  const { running, envs, stopAll } = await startServiceApps(world, 'billing', BILLING_SERVICES, {
    payments: { ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL: proxy.url },
    notifications: { ARBOR_NOTIFICATIONS_SMTP_URL: mail.match[1]! },
  });
  log('billing: setup, raw baseline, create+send, pay, pay → alert');
  const plan = {
    clients: SETTINGS.billingClients,
    createRates: SETTINGS.createRates,
    stepSeconds: SETTINGS.billingStepSeconds,
    closedLoop: { inFlight: SETTINGS.billingInFlight, seconds: SETTINGS.billingStepSeconds },
    payRates: SETTINGS.payRates,
    alerts: SETTINGS.alerts,
    alertRate: SETTINGS.alertRate,
    processorProxyUrl: proxy.url,
    raw: { databaseUrl: raw.url, queue: rawQueue },
    databases: Object.fromEntries(
      BILLING_SERVICES.map((app) => [
        app,
        envs[app][`ARBOR_${app.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`] ?? '',
      ]),
    ),
    processes: {
      ...Object.fromEntries(BILLING_SERVICES.map((app) => [app, running.get(app)?.process.child.pid ?? 0])),
      'processor sandbox': sandbox.child.pid ?? 0,
      'mail catcher': mail.child.pid ?? 0,
      'bench main (processor pass-through)': process.pid,
    },
  };
  const result = await runWorker({ kind: 'billing', plan, world }, 240_000);
  if (result.kind !== 'billing') throw new Error('worker answered the wrong kind of result');
  const run: BillingRun = result.run;
  await stopAll();
  return {
    date,
    machine: `${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average at start ${loadAtStart}; Node ${process.version}`,
    stepSeconds: plan.stepSeconds,
    inFlight: plan.closedLoop.inFlight,
    alertRate: plan.alertRate,
    run,
  };
}

const watchdog = setTimeout(
  () => abort(`time limit of ${SETTINGS.timeLimitMs} ms reached`, 2),
  SETTINGS.timeLimitMs,
);
watchdog.unref();
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
process.on('unhandledRejection', (reason) => abort(`unhandled rejection: ${describe(reason)}`, 1));
process.on('uncaughtException', (error) => abort(`uncaught exception: ${describe(error)}`, 1));

(ONLY_WEB
  ? mainOnePhase({
      name: 'web',
      run: webPhase,
      tables: webTables,
      targets: webTargets,
      write: writeWebDocument,
    })
  : ONLY_BILLING
    ? mainOnePhase({
        name: 'billing',
        run: billingPhase,
        tables: billingTables,
        targets: billingTargets,
        write: writeBillingDocument,
      })
    : main()
)
  .catch((error: unknown) => {
    log(`failed: ${describe(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    log('cleaned up');
    // Every connection is closed by now; if a library still holds a handle, do not hang on it.
    setTimeout(() => {
      log('a handle was still open 10 s after cleanup; exiting anyway');
      process.exit(process.exitCode ?? 0);
    }, 10_000).unref();
  });
