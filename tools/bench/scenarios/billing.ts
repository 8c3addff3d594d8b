import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { Pool } from 'pg';
import { z } from 'zod';
import { databaseNameOf } from '@arbor/database';
import { openEventStream, type EventStream, type StreamEvent } from '@arbor/testing';
import { ALERT_STREAM_EVENT, AlertStreamEvent, InvoiceView } from '@arbor/contracts';
import { sleep, within } from '../stats';
import type { AuthWorld } from './auth';
import { expectStatus, httpRequest, listenGateway, type HttpOptions } from './gateway';
import { adminSession, untilStatus } from './notes';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The services Client Billing needs, as the gateway's invoices and alerts e2e tests run them. */
export const BILLING_SERVICES = [
  'identity',
  'service-enablement',
  'client-records',
  'payments',
  'invoicing',
  'notifications',
] as const;

export const BILLING_SCENARIO =
  'gateway → bus → identity, service-enablement, client-records, payments, invoicing, notifications (built apps in their own processes), processor sandbox (Stripe look-alike, no added latency)';

// ---------------------------------------------------------------------------------------------
// main.ts's side: the local tools and the processor proxy.

/** A tool of tools/ (processor sandbox, mail catcher) as `npm start` runs it, and what it printed once up. */
export interface RunningTool {
  readonly child: ChildProcess;
  readonly match: RegExpExecArray;
  stop(): Promise<void>;
}

/** Spawns `tools/<name>/src/main.ts` with `env` and waits until its output matches `ready`. */
export async function startTool(
  name: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<RunningTool> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `tools/${name}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', SWC_NODE_PROJECT: `tools/${name}/tsconfig.json`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const match = await within(
    new Promise<RegExpExecArray>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = ready.exec(output);
        if (found) resolve(found);
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => reject(new Error(`${name} exited (${code}) during start-up: ${output}`)));
    }),
    60_000,
    `${name} start-up`,
  ).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    match,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await within(exited, 10_000, `${name} stop`).catch(async () => {
        child.kill('SIGKILL');
        await exited;
      });
    },
  };
}

/** One call payments made to the processor, as the proxy in front of the sandbox timed it. */
export const ProcessorCall = z.object({
  method: z.string(),
  path: z.string(),
  /** The charged amount (minor units) of a PaymentIntent create; null for any other call. */
  amount: z.number().int().nullable(),
  ms: z.number(),
});
export type ProcessorCall = z.infer<typeof ProcessorCall>;
const PROXY_CALLS_PATH = '/_bench/processor-calls';

export interface ProcessorProxy {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An HTTP pass-through in front of the processor sandbox, given to payments as its sandbox URL:
 * it times each call from forwarding it until the sandbox's whole answer is in, which is the
 * processor's own time as payments waits for it (less one loopback hop), per request. The
 * recorded calls are read at `GET /_bench/processor-calls`.
 */
export async function startProcessorProxy(upstream: string): Promise<ProcessorProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const calls: ProcessorCall[] = [];
  const server = createServer((req, res) => {
    if (req.url === PROXY_CALLS_PATH) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(calls));
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const url = req.url ?? '/';
      const amountText =
        method === 'POST' && url.startsWith('/v1/payment_intents') && !url.includes('/cancel')
          ? new URLSearchParams(body.toString()).get('amount')
          : null;
      const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
      const started = performance.now();
      const forwarded = request(
        { host: target.hostname, port: target.port, path: url, method, headers, agent },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            calls.push({
              method,
              path: url.split('?')[0] ?? url,
              amount: amountText === null ? null : Number(amountText),
              ms: performance.now() - started,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(answerChunks));
          });
        },
      );
      forwarded.on('error', (error) => res.writeHead(502).end(String(error)));
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The worker's side.

export interface BillingPlan {
  /** Portal clients of the practice; the invoices are spread over them. */
  readonly clients: number;
  /** create+send: open-loop rates (req/s), each held `stepSeconds`, then a closed loop. */
  readonly createRates: readonly number[];
  readonly stepSeconds: number;
  readonly closedLoop: { readonly inFlight: number; readonly seconds: number };
  /** pay: open-loop rates (req/s), each held `stepSeconds`. */
  readonly payRates: readonly number[];
  /** pay → alert on the stream: pays, at `alertRate` req/s. */
  readonly alerts: number;
  readonly alertRate: number;
  readonly processorProxyUrl: string;
  /** The raw baseline's database (with the fixture tables) and quorum queue. */
  readonly raw: { readonly databaseUrl: string; readonly queue: string };
  /** The processes main.ts started (services, sandbox, mail catcher, itself), by name: their CPU is read. */
  readonly processes: Readonly<Record<string, number>>;
  /** Each service's database URL, by service: its PostgreSQL statistics are read. */
  readonly databases: Readonly<Record<string, string>>;
}

/** CPU time each process spent during one step, per successful request. */
export interface CpuPerRequest {
  readonly step: string;
  readonly requests: number;
  readonly processes: ReadonlyArray<{ readonly name: string; readonly ms: number }>;
  /**
   * The whole machine over the step (from /proc/stat), in cores busy: everything, and the processes
   * above (PostgreSQL, RabbitMQ and Redis whole, whoever uses them); the rest is other work.
   */
  readonly machine: { readonly busyCores: number; readonly benchCores: number };
  /** Per service database (pg_stat_database), per successful request. */
  readonly databases: ReadonlyArray<{
    readonly name: string;
    readonly transactions: number;
    readonly rowsWritten: number;
  }>;
}

/** One load step: each request's latency in ms (from its intended start), and what failed. */
export interface LoadRun {
  /** Offered rate (open loop), or null for a closed loop. */
  readonly offered: number | null;
  /** Concurrent callers (closed loop), or null for an open loop. */
  readonly inFlight: number | null;
  /** First request's start until the last one's answer. */
  readonly elapsedMs: number;
  readonly latencies: number[];
  readonly failures: number;
  readonly firstFailure: string | null;
}

export interface PayRun extends LoadRun {
  /** Per successful pay: the processor's own time (the proxy's), and the rest. */
  readonly processorMs: number[];
  readonly overheadMs: number[];
}

export interface BillingRun {
  readonly raw: LoadRun;
  readonly create: LoadRun[];
  readonly createMax: LoadRun;
  readonly pay: PayRun[];
  /** Sending pay → the receipt alert read off the client's stream, ms. */
  readonly alerts: number[];
  readonly alertsMissing: number;
  /** Processor calls during the pays that no pay accounts for (should be none). */
  readonly strayProcessorCalls: number;
  /** Empty where /proc cannot be read (not Linux). */
  readonly cpu: CpuPerRequest[];
  /** Notifications' email deliveries at the end, by status, and how many took more than one try. */
  readonly emails: ReadonlyArray<{
    readonly status: string;
    readonly count: number;
    readonly retried: number;
  }>;
}

/** user + system CPU of a process in ms, from /proc (clock ticks of 10 ms, Linux's USER_HZ); null if gone. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * Waits (at most `maxMs`) until the bench's own processes together have used less than 15 % of one
 * core for 2 s on end: the work a step left behind (alerts, emails, jobs) is done before the next.
 */
async function settle(processes: Readonly<Record<string, number>>, maxMs = 15_000): Promise<void> {
  const pids = [process.pid, ...Object.values(processes)];
  const total = () => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  const deadline = performance.now() + maxMs;
  let quiet = 0;
  while (quiet < 4 && performance.now() < deadline) {
    const before = total();
    await sleep(500);
    quiet = total() - before < 75 ? quiet + 1 : 0;
  }
}

/** CPU time the whole machine has spent busy (all cores, not idle or waiting on I/O), in ms. */
function machineBusyMs(): number {
  try {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
  } catch {
    return Number.NaN;
  }
}

/** Every process whose command is `name` (PostgreSQL's backends, RabbitMQ's VM). */
function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc').flatMap((entry) => {
      if (!/^\d+$/.test(entry)) return [];
      try {
        return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

/**
 * CPU per process over a step: the bench's own processes by pid, and PostgreSQL, RabbitMQ and Redis,
 * which anything else running on the machine shares (and whose backends that exit meanwhile drop out).
 */
function cpuMeter(
  processes: Readonly<Record<string, number>>,
  databases: Readonly<Record<string, string>>,
  pool: Pool,
) {
  const names = Object.entries(databases).map(([service, url]) => [service, databaseNameOf(url)] as const);
  // PostgreSQL publishes a backend's counters within a second of its transactions.
  const databaseStats = async () => {
    await sleep(1100);
    const rows = (
      await pool.query<{ datname: string; xact_commit: string; written: string }>(
        'SELECT datname, xact_commit, tup_inserted + tup_updated + tup_deleted AS written FROM pg_stat_database WHERE datname = ANY($1)',
        [names.map(([, name]) => name)],
      )
    ).rows;
    return new Map(
      rows.map((row) => [row.datname, { commits: Number(row.xact_commit), written: Number(row.written) }]),
    );
  };
  const groups: Array<{ name: string; pids: () => number[] }> = [
    { name: 'gateway + load generator (bench worker)', pids: () => [process.pid] },
    ...Object.entries(processes).map(([name, pid]) => ({ name, pids: () => [pid] })),
    { name: 'PostgreSQL (all backends, shared)', pids: () => pidsNamed('postgres') },
    { name: 'RabbitMQ (shared)', pids: () => pidsNamed('beam.smp') },
    { name: 'Redis (shared)', pids: () => pidsNamed('redis-server') },
  ];
  const read = () =>
    new Map(
      groups.map((group) => [
        group.name,
        new Map(group.pids().map((pid) => [pid, processCpuMs(pid)] as const)),
      ]),
    );
  return async <T>(step: string, measure: () => Promise<{ requests: number; value: T }>) => {
    if (processCpuMs(process.pid) === null) return { value: (await measure()).value, cpu: null };
    const statsBefore = await databaseStats();
    const before = read();
    const busyBefore = machineBusyMs();
    const started = performance.now();
    const { requests, value } = await measure();
    // Read after the database's second: the step's trailing work (alerts, emails) counts too.
    const statsAfter = await databaseStats();
    const after = read();
    const wallMs = performance.now() - started;
    const busyMs = machineBusyMs() - busyBefore;
    const per = (n: number) => n / Math.max(1, requests);
    const spent = groups.map(({ name }) => {
      let ms = 0;
      for (const [pid, end] of after.get(name) ?? []) {
        const start = before.get(name)?.get(pid);
        if (end !== null && start !== undefined && start !== null) ms += end - start;
      }
      return { name, ms };
    });
    const cpu: CpuPerRequest = {
      step,
      requests,
      processes: spent.map(({ name, ms }) => ({ name, ms: per(ms) })),
      machine: {
        busyCores: busyMs / wallMs,
        benchCores: spent.reduce((sum, entry) => sum + entry.ms, 0) / wallMs,
      },
      databases: names.map(([service, name]) => ({
        name: service,
        transactions: per((statsAfter.get(name)?.commits ?? 0) - (statsBefore.get(name)?.commits ?? 0)),
        rowsWritten: per((statsAfter.get(name)?.written ?? 0) - (statsBefore.get(name)?.written ?? 0)),
      })),
    };
    return { value, cpu };
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One request; resolves with what the caller keeps of it (for pay, the invoice paid). */
type Request<T> = (index: number) => Promise<T>;

interface Outcome<T> {
  readonly run: LoadRun;
  /** Per successful request, in completion order. */
  readonly done: Array<{ value: T; ms: number }>;
}

function collector<T>() {
  const done: Array<{ value: T; ms: number }> = [];
  const failed = { count: 0, first: null as string | null };
  const settle = (promise: Promise<T>, startedAt: number) =>
    promise.then(
      (value) => void done.push({ value, ms: performance.now() - startedAt }),
      (error: unknown) => {
        failed.count += 1;
        failed.first ??= describe(error);
      },
    );
  return { done, failed, settle };
}

/**
 * `rate` requests a second for `seconds`, each started on schedule whether or not the earlier ones
 * have answered (an open loop); a latency counts from the request's scheduled start, so a late
 * start (this process busy) counts against it rather than hiding.
 */
export async function openLoop<T>(call: Request<T>, rate: number, seconds: number): Promise<Outcome<T>> {
  const total = Math.round(rate * seconds);
  const { done, failed, settle } = collector<T>();
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  for (let index = 0; index < total; index += 1) {
    const scheduled = started + (index * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(settle(call(index), scheduled));
  }
  await Promise.all(pending);
  return {
    done,
    run: {
      offered: rate,
      inFlight: null,
      elapsedMs: performance.now() - started,
      latencies: done.map((entry) => entry.ms),
      failures: failed.count,
      firstFailure: failed.first,
    },
  };
}

/** `inFlight` callers, each starting its next request when its last one answers, for `seconds`. */
export async function closedLoop<T>(
  call: Request<T>,
  inFlight: number,
  seconds: number,
): Promise<Outcome<T>> {
  const { done, failed, settle } = collector<T>();
  const started = performance.now();
  const until = started + seconds * 1000;
  let issued = 0;
  const caller = async () => {
    while (performance.now() < until) {
      const index = issued;
      issued += 1;
      await settle(call(index), performance.now());
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
  return {
    done,
    run: {
      offered: null,
      inFlight,
      elapsedMs: performance.now() - started,
      latencies: done.map((entry) => entry.ms),
      failures: failed.count,
      firstFailure: failed.first,
    },
  };
}

/**
 * The floor for create+send, measured in the same run: per request, one plain `pg` INSERT (its own
 * transaction, pool of 10 like a service) and then one persistent publish to a quorum queue, its
 * confirm awaited, with `inFlight` concurrent callers. No HTTP, no bus request, no outbox.
 */
async function rawInsertPublish(
  raw: BillingPlan['raw'],
  rabbitmqUrl: string,
  inFlight: number,
  seconds: number,
  /** Wraps the measured loop (after a warm-up), e.g. to read the CPU it used. */
  around: (measure: () => Promise<Outcome<void>>) => Promise<Outcome<void>>,
): Promise<LoadRun> {
  const pool = new Pool({ connectionString: raw.databaseUrl, max: 10 });
  pool.on('error', () => undefined);
  const connection = await amqp.connect(rabbitmqUrl);
  connection.on('error', () => undefined);
  try {
    const channel = await connection.createConfirmChannel();
    await channel.assertQueue(raw.queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    const once: Request<void> = async (index) => {
      const id = randomUUID();
      await pool.query('INSERT INTO fixture_effects (event_id, label, sequence) VALUES ($1, $2, $3)', [
        id,
        'raw-billing',
        index,
      ]);
      const envelope = {
        id,
        type: 'invoicing.invoice.sent.v1',
        occurredAt: new Date().toISOString(),
        practiceId: randomUUID(),
        actor: { system: 'bench' },
        data: { invoiceId: id, number: `INV-${index}`, total: 10_000 + index, currency: 'USD' },
      };
      await new Promise<void>((resolve, reject) =>
        channel.sendToQueue(
          raw.queue,
          Buffer.from(JSON.stringify(envelope)),
          { persistent: true, contentType: 'application/json', messageId: id },
          (error: unknown) => (error ? reject(new Error('publish not confirmed')) : resolve()),
        ),
      );
    };
    await closedLoop(once, inFlight, 1); // warm-up
    return (await around(() => closedLoop(once, inFlight, seconds))).run;
  } finally {
    await connection.close();
    await pool.end();
  }
}

/** What became of every email notifications was asked to send (its `email_deliveries`). */
async function emailDeliveries(databaseUrl: string): Promise<BillingRun['emails']> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  try {
    const rows = await pool.query<{ status: string; count: number; retried: number }>(
      'SELECT status, count(*)::int AS count, (count(*) FILTER (WHERE attempts > 1))::int AS retried FROM email_deliveries GROUP BY status ORDER BY status',
    );
    return rows.rows;
  } finally {
    await pool.end();
  }
}

interface Person {
  readonly id: string;
  readonly headers: Record<string, string>;
}

/** `GET /api/v1/me/alerts/stream` as the web app reads it: fetch with the bearer token. */
async function openAlertStream(port: number, headers: Record<string, string>): Promise<EventStream> {
  const stream = await openEventStream(`http://127.0.0.1:${port}/api/v1/me/alerts/stream`, {
    headers,
    now: () => performance.now(),
  });
  if (stream.status !== 200) throw new Error(`alert stream answered ${stream.status}`);
  return stream;
}

/** Each event's alert kind, parsed once: the receipt wait polls every 2 ms in the gateway's worker. */
const alertKinds = new WeakMap<StreamEvent, string>();

/** The kinds of the alerts a stream has carried so far, with when each was read. */
function streamedAlerts(stream: EventStream): Array<{ kind: string; receivedAt: number }> {
  return stream.events
    .filter((event) => event.event === ALERT_STREAM_EVENT)
    .map((event) => {
      let kind = alertKinds.get(event);
      if (kind === undefined) {
        kind = AlertStreamEvent.parse(JSON.parse(event.data)).kind;
        alertKinds.set(event, kind);
      }
      return { kind, receivedAt: event.receivedAt };
    });
}

/**
 * Client Billing through the real gateway in front of the built services: a practice with a Stripe
 * account on the sandbox, Client Billing on and assigned to a provider, `plan.clients` clients with
 * portal logins (the e2e tests' sequence); then the raw baseline, create+send at rising open-loop
 * rates and in a closed loop, pay at rising open-loop rates with the processor's time taken out
 * per request, and pay → receipt alert on each client's stream.
 */
export async function measureBilling(world: AuthWorld, plan: BillingPlan): Promise<BillingRun> {
  const gateway = await listenGateway({ ...world, services: [...BILLING_SERVICES], modules: [] });
  // Many requests in flight: sockets as a browser fleet would open them, kept alive.
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const call = (route: string, options: HttpOptions) => httpRequest(agent, gateway.port, route, options);
  const closeAfter: Array<() => Promise<void>> = [];
  try {
    const password = 'bench billing passphrase';
    const admin = await adminSession(gateway);
    const pid = admin.practiceId;
    const accept = async (inviteUrl: string) => {
      const token = /\/invitations\/([A-Za-z0-9_-]+)$/.exec(inviteUrl)?.[1];
      if (!token) throw new Error(`no invitation token in ${inviteUrl}`);
      const accepted = expectStatus(
        await call(`/api/v1/invitations/${token}/accept`, { method: 'POST', body: { password } }),
        200,
        'accept invitation',
      );
      return (JSON.parse(accepted) as { userId: string }).userId;
    };
    const signIn = async (email: string) => {
      const body = expectStatus(
        await call('/api/v1/auth/login', { method: 'POST', body: { email, password } }),
        200,
        `login ${email}`,
      );
      return { authorization: `Bearer ${(JSON.parse(body) as { accessToken: string }).accessToken}` };
    };
    const suffix = randomUUID().slice(0, 8);

    const invited = expectStatus(
      await call(`/api/v1/practices/${pid}/staff`, {
        method: 'POST',
        headers: admin.headers,
        body: { name: 'Bench Provider', email: `provider-${suffix}@bench.test`, roles: ['provider'] },
      }),
      201,
      'invite provider',
    );
    const provider: Person = {
      id: await accept((JSON.parse(invited) as { inviteUrl: string }).inviteUrl),
      headers: await signIn(`provider-${suffix}@bench.test`),
    };
    expectStatus(
      await call(`/api/v1/practices/${pid}/payment-processors`, {
        method: 'POST',
        headers: admin.headers,
        body: {
          description: 'Bench Stripe (sandbox)',
          type: 'stripe',
          credentials: {
            secretKey: 'sk_test_51HsupersecretStripeKey0001',
            publishableKey: 'pk_test_51HpublishableKey00000001',
          },
        },
      }),
      201,
      'add processor',
    );
    await untilStatus(
      () =>
        call(`/api/v1/practices/${pid}/services/client_billing`, {
          method: 'PATCH',
          headers: admin.headers,
          body: { enabled: true, providerIds: [provider.id] },
        }),
      200,
      'enable Client Billing',
    );
    const clients: Person[] = [];
    for (let i = 0; i < plan.clients; i += 1) {
      const email = `client-${i}-${suffix}@bench.test`;
      const created = JSON.parse(
        await untilStatus(
          () =>
            call(`/api/v1/practices/${pid}/clients`, {
              method: 'POST',
              headers: provider.headers,
              body: { firstName: 'Bench', lastName: `Client ${i}`, email },
            }),
          201,
          'POST clients',
        ),
      ) as { id: string; portalInviteUrl: string | null };
      if (!created.portalInviteUrl) throw new Error('a new client with an email got no portal invitation');
      await accept(created.portalInviteUrl);
      clients.push({ id: created.id, headers: await signIn(email) });
    }

    // create+send. Every invoice's amount differs (no sales tax is set: total = amount), so the
    // processor call a pay caused is found by its amount.
    let sequence = 0;
    const unpaid: Array<{ id: string; total: number; client: Person }> = [];
    const createFor = async (client: Person) => {
      sequence += 1;
      const body = expectStatus(
        await call(`/api/v1/practices/${pid}/clients/${client.id}/invoices`, {
          method: 'POST',
          headers: { ...provider.headers, 'idempotency-key': randomUUID() },
          body: { description: 'Session, 50 minutes', amount: 10_000 + sequence },
        }),
        201,
        'POST invoices',
      );
      const invoice = InvoiceView.parse(JSON.parse(body));
      unpaid.push({ id: invoice.id, total: invoice.total, client });
    };
    const create: Request<void> = (index) => createFor(clients[index % clients.length]!);
    // Invoicing hears of each client from client-records' event: the first invoice waits for it.
    for (const client of clients) {
      await untilStatus(
        () =>
          createFor(client).then(
            () => ({ status: 201, body: '' }),
            (error: unknown) => ({ status: 0, body: describe(error) }),
          ),
        201,
        'the first invoice',
      );
    }
    await closedLoop(create, 4, 2); // warm-up

    const statsPool = new Pool({ connectionString: plan.raw.databaseUrl, max: 1 });
    statsPool.on('error', () => undefined);
    closeAfter.push(() => statsPool.end());
    const meter = cpuMeter(plan.processes, plan.databases, statsPool);
    const cpu: CpuPerRequest[] = [];
    /** A step, with the CPU each process spent on it per successful request. */
    const metered = async <T>(step: string, measure: () => Promise<Outcome<T>>): Promise<Outcome<T>> => {
      const { value, cpu: used } = await meter(step, async () => {
        const outcome = await measure();
        return { requests: outcome.done.length, value: outcome };
      });
      if (used) cpu.push(used);
      return value;
    };
    await settle(plan.processes);
    const raw = await rawInsertPublish(
      plan.raw,
      world.rabbitmqUrl,
      plan.closedLoop.inFlight,
      plan.closedLoop.seconds,
      (measure) => metered(`raw baseline (${plan.closedLoop.inFlight} in flight)`, measure),
    );
    const createRuns: LoadRun[] = [];
    for (const rate of plan.createRates) {
      await settle(plan.processes); // what the last step left behind (alerts, emails) is done first
      createRuns.push(
        (await metered(`create+send at ${rate} req/s`, () => openLoop(create, rate, plan.stepSeconds))).run,
      );
    }
    await settle(plan.processes);
    const createMax = (
      await metered(`create+send, closed loop (${plan.closedLoop.inFlight} in flight)`, () =>
        closedLoop(create, plan.closedLoop.inFlight, plan.closedLoop.seconds),
      )
    ).run;

    // pay, each invoice once, by its client, with its own Idempotency-Key.
    /** The oldest unpaid invoice (of `client`, if named), paid by its client. */
    const payOne = async (client?: Person): Promise<{ total: number; client: Person }> => {
      const at = client ? unpaid.findIndex((candidate) => candidate.client === client) : 0;
      const invoice = at >= 0 ? unpaid.splice(at, 1)[0] : undefined;
      if (!invoice) throw new Error('ran out of unpaid invoices');
      const answer = await call(`/api/v1/portal/invoices/${invoice.id}/pay`, {
        method: 'POST',
        headers: { ...invoice.client.headers, 'idempotency-key': randomUUID() },
        body: { paymentToken: 'pm_card_visa' },
      });
      const status = (JSON.parse(expectStatus(answer, 200, 'pay')) as { status?: string }).status;
      if (status !== 'paid') throw new Error(`pay answered status ${status}`);
      return invoice;
    };
    await settle(plan.processes);
    for (let i = 0; i < 10; i += 1) await payOne(); // warm-up
    const processorCalls = async () =>
      z
        .array(ProcessorCall)
        .parse(
          JSON.parse(
            (await httpRequest(undefined, Number(new URL(plan.processorProxyUrl).port), PROXY_CALLS_PATH))
              .body,
          ),
        );
    const callsBefore = (await processorCalls()).length;
    const payOutcomes: Array<Outcome<{ total: number; client: Person }>> = [];
    for (const rate of plan.payRates) {
      await settle(plan.processes);
      payOutcomes.push(
        await metered(`pay at ${rate} req/s`, () => openLoop(() => payOne(), rate, plan.stepSeconds)),
      );
    }
    const calls = (await processorCalls()).slice(callsBefore);
    const byAmount = new Map<number, number>();
    let stray = 0;
    for (const entry of calls) {
      if (entry.amount === null || byAmount.has(entry.amount)) stray += 1;
      else byAmount.set(entry.amount, entry.ms);
    }
    const pay: PayRun[] = payOutcomes.map(({ run, done }) => {
      const processorMs = done.map(({ value }) => {
        const ms = byAmount.get(value.total);
        if (ms === undefined) throw new Error(`no processor call recorded for a pay of ${value.total}`);
        return ms;
      });
      return { ...run, processorMs, overheadMs: done.map(({ ms }, i) => ms - processorMs[i]!) };
    });
    stray += byAmount.size - pay.reduce((sum, run) => sum + run.processorMs.length, 0);

    // pay → the receipt alert on the paying client's stream. Pays are paced so that each client
    // has one outstanding at most (clients ≥ alertRate); its k-th receipt answers its k-th pay.
    await sleep(2000); // the last receipts of the pays above are pushed before these streams open
    const streams = await Promise.all(clients.map((client) => openAlertStream(gateway.port, client.headers)));
    try {
      const receipts = (client: Person) =>
        streamedAlerts(streams[clients.indexOf(client)]!).filter((alert) => alert.kind === 'invoice.receipt');
      const waitForReceipt = async (client: Person, count: number, since: number) => {
        const deadline = performance.now() + 10_000;
        while (performance.now() < deadline) {
          const receipt = receipts(client)[count - 1];
          if (receipt) return receipt.receivedAt - since;
          await sleep(2);
        }
        return null;
      };
      const paidPerClient = new Map<Person, number>();
      const payAndWait: Request<number | null> = async (index) => {
        const client = clients[index % clients.length]!;
        const count = (paidPerClient.get(client) ?? 0) + 1;
        paidPerClient.set(client, count);
        const sent = performance.now();
        await payOne(client);
        return waitForReceipt(client, count, sent);
      };
      // Warm-up, one per client: notifications has heard of each portal account.
      for (let i = 0; i < clients.length; i += 1) await payAndWait(i);
      const measured = await openLoop(payAndWait, plan.alertRate, plan.alerts / plan.alertRate);
      const alerts = measured.done.flatMap(({ value }) => (value === null ? [] : [value]));
      await settle(plan.processes);
      const emails = await emailDeliveries(plan.databases['notifications'] ?? '');
      return {
        raw,
        create: createRuns,
        createMax,
        pay,
        alerts,
        alertsMissing: measured.done.length - alerts.length + measured.run.failures,
        strayProcessorCalls: stray,
        cpu,
        emails,
      };
    } finally {
      for (const stream of streams) await stream.close();
    }
  } finally {
    for (const close of closeAfter) await close();
    agent.destroy();
    await gateway.close();
  }
}
