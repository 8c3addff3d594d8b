import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import prettier from 'prettier';
import { AUTH_SCENARIOS, NOTES_SCENARIO, type RpcCounts } from './protocol';
import { BILLING_SCENARIO, type BillingRun, type LoadRun } from './scenarios/billing';
import type { EventRun } from './scenarios/events';
import type { InitialBundle } from './scenarios/web';
import { summarize, type LatencySummary, type ThroughputSummary } from './stats';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly rabbitmq: string;
  readonly postgres: string;
  readonly postgresSettings: string;
  readonly os: string;
  /** 1/5/15-minute load averages when the run started: other work on the machine skews everything. */
  readonly loadAtStart: string;
}

/** Sign-in and tokens (sequential, pooled over the rounds). */
export interface AuthResults {
  readonly login: LatencySummary;
  readonly argon2: LatencySummary;
  readonly refresh: LatencySummary;
  readonly signedIn: LatencySummary;
  readonly public: LatencySummary;
  /** The gateway's `AccessTokenVerifier.verify` alone, in process. */
  readonly verifyAlone: LatencySummary;
  /** Mean time inside identity's handler (its `arbor_rpc_request_duration_seconds`). */
  readonly handlerMeanMs: { readonly login: number; readonly refresh: number };
  /** RPCs identity handled while the verification workers signed up, signed in and warmed up. */
  readonly identityCallsBefore: RpcCounts;
  /** RPCs identity handled during the measured signed-in and public requests. */
  readonly identityCallsMeasured: RpcCounts;
}

/** Notes through the gateway (sequential, pooled over the rounds). */
export interface NotesResults {
  readonly notesPerPage: number;
  readonly bodyChars: number;
  readonly add: LatencySummary;
  readonly list: LatencySummary;
  readonly listOne: LatencySummary;
  /** libs/crypto's `openText` on one page's sealed bodies, in process. */
  readonly decrypt: LatencySummary;
  /** Mean time inside the notes service's handlers (its `arbor_rpc_request_duration_seconds`). */
  readonly handlerMeanMs: { readonly add: number; readonly list: number };
}

/** The web app: its initial bundle, and page loads in headless chromium. */
export interface WebResults {
  readonly date: string;
  /** Where it ran: CPUs, model, load at start, Node, chromium. */
  readonly machine: string;
  readonly chromium: string;
  readonly bundle: InitialBundle;
  readonly notesOnProfile: number;
  /** Navigation start → main control, ms, each load in a fresh browser context. */
  readonly signIn: readonly number[];
  readonly profileInfo: readonly number[];
  readonly profileNotes: readonly number[];
}

export const WEB_TARGETS = { initialJsGzipBytes: 200_000, profileMs: 1000 } as const;

/** Client Billing through the gateway: one run of the billing worker. */
export interface BillingResults {
  readonly date: string;
  /** Where it ran: CPUs, model, load at start, Node. */
  readonly machine: string;
  readonly stepSeconds: number;
  /** Concurrent callers of the closed loops (create+send and the raw baseline). */
  readonly inFlight: number;
  readonly alertRate: number;
  readonly run: BillingRun;
}

/** The Client Billing issue's targets, on this 2-core machine. */
export const BILLING_TARGETS = {
  createRate: 50,
  createP99Ms: 100,
  payRate: 20,
  payOverheadP99Ms: 150,
  createToRaw: 0.3,
  alertMs: 1000,
} as const;

export interface Results {
  readonly date: string;
  readonly machine: Machine;
  readonly namespace: string;
  readonly sequential: ReadonlyArray<{ key: string; label: string; summary: LatencySummary }>;
  readonly concurrent: ReadonlyArray<{ key: string; label: string; summary: ThroughputSummary }>;
  readonly inFlight: number;
  readonly events: ReadonlyArray<{ key: string; label: string; run: EventRun }>;
  readonly eventWriters: number;
  readonly auth: AuthResults;
  readonly notes: NotesResults;
  readonly web: WebResults;
  readonly rounds: number;
  readonly durationS: number;
}

export interface Target {
  readonly name: string;
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

const ms = (value: number) => value.toFixed(3);
const rate = (value: number) => Math.round(value).toLocaleString('en-US');

function find<T extends { key: string }>(rows: readonly T[], key: string): T {
  const row = rows.find((candidate) => candidate.key === key);
  if (!row) throw new Error(`no result "${key}"`);
  return row;
}

export function targets(results: Results): Target[] {
  const median = (key: string) => find(results.sequential, key).summary.medianMs;
  const events = (key: string) => find(results.events, key).run.perSecond;
  const bc = median('b') / median('c');
  const bd = median('b') / median('d');
  const outbox = events('outbox-batch') / events('raw');
  return [
    { name: '(b)/(c) sequential median', value: bc, goal: '≤ 1.10', met: bc <= 1.1 },
    { name: '(b)/(d) sequential median', value: bd, goal: '≤ 2.0', met: bd <= 2.0 },
    { name: 'outbox (batched) / raw events/s', value: outbox, goal: '≥ 0.30', met: outbox >= 0.3 },
  ];
}

/** Ratios reported beside the targets, not judged. */
export function otherRatios(results: Results): Array<{ name: string; value: number }> {
  const tp = (key: string) => find(results.concurrent, key).summary.perSecond;
  const events = (key: string) => find(results.events, key).run.perSecond;
  return [
    { name: `(b)/(c) throughput at ${results.inFlight} in flight`, value: tp('b') / tp('c') },
    { name: `(b)/(d) throughput at ${results.inFlight} in flight`, value: tp('b') / tp('d') },
    {
      name: 'outbox (1 event per transaction) / raw events/s',
      value: events('outbox-single') / events('raw'),
    },
    {
      name: 'raw + pg / raw events/s (what the database work alone costs)',
      value: events('raw-db') / events('raw'),
    },
    { name: 'outbox (batched) / raw + pg events/s', value: events('outbox-batch') / events('raw-db') },
  ];
}

const totalOf = (counts: RpcCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
const listOf = (counts: RpcCounts) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pattern, n]) => `${pattern} ${n}`)
    .join(', ') || 'none';

/** What the identity issue requires of the gateway: a valid token is verified without identity. */
export function authChecks(results: Results): Target[] {
  const calls = totalOf(results.auth.identityCallsMeasured);
  return [
    {
      name: 'identity RPCs during the measured signed-in requests',
      value: calls,
      goal: '0',
      met: calls === 0,
    },
  ];
}

/** Token verification's share of a signed-in request, from the medians. */
export function verificationShare(auth: AuthResults): { extraMs: number; share: number } {
  const extraMs = auth.signedIn.medianMs - auth.public.medianMs;
  return { extraMs, share: extraMs / auth.signedIn.medianMs };
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function resultTables(results: Results): string {
  const sequential = markdownTable(
    ['', 'round trip, sequential', 'median ms', 'p99 ms', 'n'],
    results.sequential.map(({ key, label, summary }) => [
      key,
      label,
      ms(summary.medianMs),
      ms(summary.p99Ms),
      String(summary.count),
    ]),
  );
  const concurrent = markdownTable(
    ['', `${results.inFlight} in flight`, 'req/s', 'median ms', 'p99 ms', 'n'],
    results.concurrent.map(({ key, label, summary }) => [
      key,
      label,
      rate(summary.perSecond),
      ms(summary.medianMs),
      ms(summary.p99Ms),
      String(summary.count),
    ]),
  );
  const events = markdownTable(
    [
      '',
      `events (${results.eventWriters} concurrent writers for the outbox)`,
      'events/s',
      'total s',
      'produce s',
      'n',
    ],
    results.events.map(({ key, label, run }) => [
      key,
      label,
      rate(run.perSecond),
      (run.elapsedMs / 1000).toFixed(2),
      (run.produceMs / 1000).toFixed(2),
      String(run.events),
    ]),
  );
  const judged = markdownTable(
    ['ratio', 'value', 'target', 'met'],
    [
      ...targets(results).map((t) => [t.name, t.value.toFixed(2), t.goal, t.met ? 'yes' : '**no**']),
      ...otherRatios(results).map((r) => [r.name, r.value.toFixed(2), '—', '—']),
    ],
  );
  return [sequential, concurrent, events, judged, authTables(results), notesTables(results.notes)].join(
    '\n\n',
  );
}

function notesTables(notes: NotesResults): string {
  const row = (key: string, label: string, summary: LatencySummary) => [
    key,
    label,
    ms(summary.medianMs),
    ms(summary.p99Ms),
    String(summary.count),
  ];
  const latencies = markdownTable(
    ['', `notes, sequential (${NOTES_SCENARIO})`, 'median ms', 'p99 ms', 'n'],
    [
      row(
        'add-note',
        `POST …/clients/{cid}/notes as an Admin, a ${notes.bodyChars}-character body`,
        notes.add,
      ),
      row(
        'list-notes',
        `GET …/clients/{cid}/notes?limit=${notes.notesPerPage}: one page of ${notes.notesPerPage} notes of ${notes.bodyChars} characters`,
        notes.list,
      ),
      row('list-one', 'the same list with limit=1 (its newest note)', notes.listOne),
      row(
        'decrypt',
        `libs/crypto openText on the same ${notes.notesPerPage} sealed bodies, in process (unwrap data key + AES-256-GCM each)`,
        notes.decrypt,
      ),
    ],
  );
  const summary = markdownTable(
    ['measure', 'value'],
    [
      ["add-note: mean time inside the notes service's handler", `${ms(notes.handlerMeanMs.add)} ms`],
      ["list-notes: mean time inside the notes service's handler", `${ms(notes.handlerMeanMs.list)} ms`],
      [
        'each further note read in a page: (list-notes − list-one) / (page − 1), medians',
        `${ms((notes.list.medianMs - notes.listOne.medianMs) / (notes.notesPerPage - 1))} ms`,
      ],
      [
        'decryption share of a page read: decrypt / list-notes (medians)',
        `${((notes.decrypt.medianMs / notes.list.medianMs) * 100).toFixed(1)} %`,
      ],
      [
        'decryption share of the notes handler: decrypt (median) / list handler (mean)',
        `${((notes.decrypt.medianMs / notes.handlerMeanMs.list) * 100).toFixed(1)} %`,
      ],
    ],
  );
  return [latencies, summary].join('\n\n');
}

function authTables(results: Results): string {
  const { auth } = results;
  const row = (key: string, label: string, summary: LatencySummary) => [
    key,
    label,
    ms(summary.medianMs),
    ms(summary.p99Ms),
    String(summary.count),
  ];
  const latencies = markdownTable(
    ['', 'sign-in and tokens, sequential', 'median ms', 'p99 ms', 'n'],
    [
      row('login', AUTH_SCENARIOS.login, auth.login),
      row('argon2', AUTH_SCENARIOS.argon2, auth.argon2),
      row('refresh', AUTH_SCENARIOS.refresh, auth.refresh),
      row(
        'signed-in',
        'gateway: GET /bench/auth/signed-in, @Roles(admin, provider), no service call',
        auth.signedIn,
      ),
      row('public', 'gateway: the same route @Public() (the token is sent, not verified)', auth.public),
      row(
        'verify',
        "the gateway's AccessTokenVerifier.verify alone, in process (jose EdDSA, iss/aud/exp, claims schema)",
        auth.verifyAlone,
      ),
    ],
  );
  const { extraMs, share } = verificationShare(auth);
  const [check] = authChecks(results);
  const measuredRequests = auth.signedIn.count + auth.public.count;
  const summary = markdownTable(
    ['measure', 'value', 'target', 'met'],
    [
      [
        'argon2id verify / login (medians)',
        (auth.argon2.medianMs / auth.login.medianMs).toFixed(2),
        '—',
        '—',
      ],
      ["login: mean time inside identity's handler", `${ms(auth.handlerMeanMs.login)} ms`, '—', '—'],
      [
        "argon2id verify (median) / identity's login handler (mean)",
        (auth.argon2.medianMs / auth.handlerMeanMs.login).toFixed(2),
        '—',
        '—',
      ],
      ["refresh: mean time inside identity's handler", `${ms(auth.handlerMeanMs.refresh)} ms`, '—', '—'],
      ['token verification: signed-in − public (medians)', `${ms(extraMs)} ms`, '—', '—'],
      [
        'token verification share: (signed-in − public) / signed-in',
        `${(share * 100).toFixed(1)} %`,
        '—',
        '—',
      ],
      [
        `identity RPCs during the ${measuredRequests} measured signed-in and public requests`,
        `${totalOf(auth.identityCallsMeasured)} (${listOf(auth.identityCallsMeasured)})`,
        check?.goal ?? '0',
        check?.met ? 'yes' : '**no**',
      ],
      [
        'identity RPCs before them (sign-up, sign-in, warm-up): the counter counts',
        `${totalOf(auth.identityCallsBefore)} (${listOf(auth.identityCallsBefore)})`,
        '—',
        '—',
      ],
    ],
  );
  return [latencies, summary].join('\n\n');
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The web targets: the initial JS, gzipped, and the profile's median time to interactive. */
export function webTargets(web: WebResults): Target[] {
  const info = summarize(web.profileInfo).medianMs;
  const notes = summarize(web.profileNotes).medianMs;
  return [
    {
      name: 'initial JS (gzip), before any lazy route',
      value: web.bundle.jsGzipBytes / 1000,
      goal: `≤ ${WEB_TARGETS.initialJsGzipBytes / 1000} kB`,
      met: web.bundle.jsGzipBytes <= WEB_TARGETS.initialJsGzipBytes,
    },
    {
      name: "client's profile, Info tab: median time to interactive",
      value: info,
      goal: `≤ ${WEB_TARGETS.profileMs} ms`,
      met: info <= WEB_TARGETS.profileMs,
    },
    {
      name: "client's profile, Notes tab: median time to interactive",
      value: notes,
      goal: `≤ ${WEB_TARGETS.profileMs} ms`,
      met: notes <= WEB_TARGETS.profileMs,
    },
  ];
}

export function webTables(web: WebResults): string {
  const bundle = markdownTable(
    ['initial JS file (index.html and its static imports)', 'bytes', 'gzip'],
    [
      ...web.bundle.js.map((file) => [`\`${file.file}\``, kB(file.bytes), kB(file.gzipBytes)]),
      [
        '**all initial JS**',
        kB(web.bundle.js.reduce((sum, file) => sum + file.bytes, 0)),
        `**${kB(web.bundle.jsGzipBytes)}**`,
      ],
      ['for scale: the stylesheet index.html links (not in the target)', '—', kB(web.bundle.cssGzipBytes)],
    ],
  );
  const row = (label: string, samples: readonly number[]) => {
    const summary = summarize(samples);
    const sorted = [...samples].sort((a, b) => a - b);
    return [
      label,
      ms(summary.medianMs),
      ms(sorted[0] ?? Number.NaN),
      ms(sorted.at(-1) ?? Number.NaN),
      String(summary.count),
    ];
  };
  const loads = markdownTable(
    ['page (fresh browser context each load)', 'median ms', 'min ms', 'max ms', 'n'],
    [
      row('`/sign-in`, a first visit (no session): the Sign in button enabled', web.signIn),
      row("`/clients/{id}`, signed in: the profile's Edit button (Info tab)", web.profileInfo),
      row(
        `\`/clients/{id}?tab=notes\`, signed in: +Add enabled and the ${web.notesOnProfile} notes listed`,
        web.profileNotes,
      ),
    ],
  );
  const judged = markdownTable(
    ['measure', 'value', 'target', 'met'],
    webTargets(web).map((t) => [
      t.name,
      t.name.startsWith('initial') ? `${t.value.toFixed(1)} kB` : `${t.value.toFixed(0)} ms`,
      t.goal,
      t.met ? 'yes' : '**no**',
    ]),
  );
  return [bundle, loads, judged].join('\n\n');
}

/**
 * Rewrites one phase's generated block (between `<!-- bench:<name>:start -->` and its end marker),
 * or appends it under `heading`; what is written around it is kept.
 */
async function writePhaseBlock(
  file: string,
  name: string,
  heading: string,
  lines: readonly string[],
): Promise<void> {
  const startMarker = `<!-- bench:${name}:start -->`;
  const endMarker = `<!-- bench:${name}:end -->`;
  const block = [
    startMarker,
    `<!-- Generated by \`npm run bench\` or \`npm run bench -- ${name}\` (tools/bench/main.ts); edit outside the markers. -->`,
    '',
    ...lines,
    endMarker,
  ].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + endMarker.length)}`
      : `${current.trimEnd()}\n\n## ${heading}\n\n${block}\n`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}

/** Rewrites the web section's generated block (between its markers), or appends one. */
export function writeWebDocument(file: string, web: WebResults): Promise<void> {
  return writePhaseBlock(file, 'web', 'Web app', [
    `- Date: ${web.date}; ${web.machine}; Chromium ${web.chromium}`,
    '',
    webTables(web),
  ]);
}

/** Rewrites the Client Billing section's generated block (between its markers), or appends one. */
export function writeBillingDocument(file: string, billing: BillingResults): Promise<void> {
  return writePhaseBlock(file, 'billing', 'Client Billing', [
    `- Date: ${billing.date}; ${billing.machine}`,
    '',
    billingTables(billing),
  ]);
}

const perSecond = (run: LoadRun) => (run.latencies.length / run.elapsedMs) * 1000;

function stepAt<T extends LoadRun>(runs: readonly T[], rate: number): T {
  const run = runs.find((candidate) => candidate.offered === rate);
  if (!run) throw new Error(`no step at ${rate} req/s`);
  return run;
}

/** The billing targets; a step with failed requests misses its target whatever its latencies. */
export function billingTargets(billing: BillingResults): Target[] {
  const { run } = billing;
  const create = stepAt(run.create, BILLING_TARGETS.createRate);
  const createP99 = summarize(create.latencies).p99Ms;
  const pay = stepAt(run.pay, BILLING_TARGETS.payRate);
  const overheadP99 = summarize(pay.overheadMs).p99Ms;
  const ratio = perSecond(run.createMax) / perSecond(run.raw);
  const alertP99 = summarize(run.alerts).p99Ms;
  return [
    {
      name: `create+send p99 at ${BILLING_TARGETS.createRate} req/s`,
      value: createP99,
      goal: `≤ ${BILLING_TARGETS.createP99Ms} ms, none failed`,
      met: createP99 <= BILLING_TARGETS.createP99Ms && create.failures === 0,
    },
    {
      name: `pay overhead (excluding the processor) p99 at ${BILLING_TARGETS.payRate} req/s`,
      value: overheadP99,
      goal: `≤ ${BILLING_TARGETS.payOverheadP99Ms} ms, none failed`,
      met: overheadP99 <= BILLING_TARGETS.payOverheadP99Ms && pay.failures === 0,
    },
    {
      name: 'create+send max throughput / raw PostgreSQL insert + confirmed publish',
      value: ratio,
      goal: `≥ ${BILLING_TARGETS.createToRaw.toFixed(2)}`,
      met: ratio >= BILLING_TARGETS.createToRaw && run.createMax.failures === 0,
    },
    {
      name: 'pay → receipt alert on the stream, p99',
      value: alertP99,
      goal: `≤ ${BILLING_TARGETS.alertMs} ms, none missing`,
      met: alertP99 <= BILLING_TARGETS.alertMs && run.alertsMissing === 0,
    },
  ];
}

export function billingTables(billing: BillingResults): string {
  const { run } = billing;
  const failed = (entry: LoadRun) => (entry.failures ? `**${entry.failures}**` : '0');
  const loadRow = (label: string, entry: LoadRun) => {
    const summary = summarize(entry.latencies);
    return [
      label,
      entry.offered === null ? '—' : String(entry.offered),
      rate(perSecond(entry)),
      ms(summary.medianMs),
      ms(summary.p99Ms),
      String(summary.count),
      failed(entry),
    ];
  };
  const create = markdownTable(
    ['create+send', 'offered req/s', 'achieved req/s', 'median ms', 'p99 ms', 'n', 'failed'],
    [
      ...run.create.map((entry) =>
        loadRow(`POST …/clients/{cid}/invoices, open loop, ${billing.stepSeconds} s`, entry),
      ),
      loadRow(
        `the same, closed loop: ${billing.inFlight} in flight, ${billing.stepSeconds} s`,
        run.createMax,
      ),
      loadRow(
        `raw baseline: plain pg INSERT (own transaction) + persistent publish to a quorum queue, confirm awaited; ${billing.inFlight} in flight`,
        run.raw,
      ),
    ],
  );
  const pay = markdownTable(
    [
      'pay (`pm_card_visa`, an Idempotency-Key each), open loop',
      'achieved req/s',
      'request median ms',
      'request p99 ms',
      'processor median ms',
      'overhead median ms',
      'overhead p99 ms',
      'n',
      'failed',
    ],
    run.pay.map((entry) => {
      const request = summarize(entry.latencies);
      const overhead = summarize(entry.overheadMs);
      return [
        `POST /api/v1/portal/invoices/{iid}/pay at ${entry.offered} req/s, ${billing.stepSeconds} s`,
        rate(perSecond(entry)),
        ms(request.medianMs),
        ms(request.p99Ms),
        ms(summarize(entry.processorMs).medianMs),
        ms(overhead.medianMs),
        ms(overhead.p99Ms),
        String(request.count),
        failed(entry),
      ];
    }),
  );
  const alerts = summarize(run.alerts);
  const alert = markdownTable(
    ['pay → alert', 'median ms', 'p99 ms', 'max ms', 'n', 'missing'],
    [
      [
        `sending pay → the \`invoice.receipt\` alert read off the client's \`GET /api/v1/me/alerts/stream\`, pays at ${billing.alertRate} req/s`,
        ms(alerts.medianMs),
        ms(alerts.p99Ms),
        ms(Math.max(...run.alerts)),
        String(alerts.count),
        run.alertsMissing ? `**${run.alertsMissing}**` : '0',
      ],
    ],
  );
  const judged = markdownTable(
    ['measure', 'value', 'target', 'met'],
    [
      ...billingTargets(billing).map((t) => [
        t.name,
        t.goal.startsWith('≥') ? t.value.toFixed(3) : `${t.value.toFixed(1)} ms`,
        t.goal,
        t.met ? 'yes' : '**no**',
      ]),
      [
        'processor calls during the pay steps that no pay accounts for',
        String(run.strayProcessorCalls),
        '—',
        '—',
      ],
      [
        "notifications' emails at the end (status: count, of which retried)",
        run.emails.map((row) => `${row.status}: ${row.count} (${row.retried})`).join(', ') || 'none',
        '—',
        '—',
      ],
    ],
  );
  const cpuSteps = run.cpu;
  const cpu = cpuSteps.length
    ? markdownTable(
        ['CPU ms per successful request, by process', ...cpuSteps.map((step) => step.step)],
        [
          ...(cpuSteps[0]?.processes ?? []).map(({ name }, index) => [
            name,
            ...cpuSteps.map((step) => (step.processes[index]?.ms ?? Number.NaN).toFixed(1)),
          ]),
          [
            '**all of them**',
            ...cpuSteps.map(
              (step) => `**${step.processes.reduce((sum, entry) => sum + entry.ms, 0).toFixed(1)}**`,
            ),
          ],
          ['requests', ...cpuSteps.map((step) => String(step.requests))],
          [
            'the machine meanwhile, cores busy: all / the processes above / other work',
            ...cpuSteps.map(
              ({ machine }) =>
                `${machine.busyCores.toFixed(2)} / ${machine.benchCores.toFixed(2)} / ${(machine.busyCores - machine.benchCores).toFixed(2)}`,
            ),
          ],
        ],
      )
    : 'CPU per process: not measured (no /proc).';
  const databases = cpuSteps.length
    ? markdownTable(
        [
          'PostgreSQL per successful request, by service database: transactions committed / rows written',
          ...cpuSteps.map((step) => step.step),
        ],
        (cpuSteps[0]?.databases ?? []).map(({ name }, index) => [
          name,
          ...cpuSteps.map((step) => {
            const entry = step.databases[index];
            return entry ? `${entry.transactions.toFixed(1)} / ${entry.rowsWritten.toFixed(1)}` : '—';
          }),
        ]),
      )
    : '';
  const failures = [...run.create, run.createMax, run.raw, ...run.pay]
    .filter((entry) => entry.firstFailure)
    .map(
      (entry) =>
        `- first failure${entry.offered === null ? '' : ` at ${entry.offered} req/s`}: \`${entry.firstFailure}\``,
    );
  return [
    `Through ${BILLING_SCENARIO}.`,
    create,
    pay,
    alert,
    judged,
    cpu,
    databases,
    ...(failures.length ? [failures.join('\n')] : []),
  ].join('\n\n');
}

export function machineLines(results: Results): string {
  const m = results.machine;
  return [
    `- Date: ${results.date} (run took ${results.durationS.toFixed(0)} s, ${results.rounds} interleaved rounds; bus namespace \`${results.namespace}\`)`,
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.os}; load average at start ${m.loadAtStart}`,
    `- Node ${m.node}; RabbitMQ ${m.rabbitmq}; PostgreSQL ${m.postgres} (${m.postgresSettings})`,
  ].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Rewrites the generated block of the benchmarks document (between the markers) and keeps
 * whatever was written around it: method and interpretation are prose, the numbers are not.
 */
export async function writeDocument(file: string, results: Results): Promise<void> {
  const block = [
    START,
    '<!-- Generated by `npm run bench` (tools/bench/main.ts); edit outside the markers. -->',
    '',
    machineLines(results),
    '',
    resultTables(results),
    END,
  ].join('\n');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `# Benchmarks\n\n## Results\n\n${block}\n`;
  // Formatted as the repository formats Markdown, so that `prettier --check` stays clean.
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}

export function consoleReport(results: Results): string {
  const lines = [
    machineLines(results).replace(/`/g, ''),
    '',
    resultTables(results).replace(/\*\*/g, ''),
    '',
    webTables(results.web).replace(/\*\*|`/g, ''),
  ];
  return lines.join('\n');
}
