// Unit: the generator runs against an in-memory Nx tree seeded with the repository's real files
// (service-enablement, compose, k8s, the gateway config, docs/runtime-names.md); nothing is
// written to disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { serviceGenerator, type ServiceGeneratorSchema } from './generator';

const repo = path.resolve(__dirname, '../../..');
const SEEDED = [
  '.prettierrc.json',
  'libs/audit/test/migrations',
  'docker-compose.yml',
  'docs/runtime-names.md',
  'apps/gateway/src/gateway.config.ts',
  'apps/service-enablement',
  'k8s',
];

function seed(tree: Tree, relative: string): void {
  const full = path.join(repo, relative);
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full)) seed(tree, path.join(relative, child));
  } else {
    tree.write(relative, readFileSync(full));
  }
}

function files(tree: Tree, dir: string): string[] {
  if (!tree.exists(dir)) return [];
  if (tree.isFile(dir)) return [dir];
  return tree.children(dir).flatMap((child) => files(tree, dir === '.' ? child : `${dir}/${child}`));
}

function read(tree: Tree, file: string): string {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${file} missing`);
  return text;
}

function snapshot(tree: Tree): Map<string, string> {
  return new Map(files(tree, '.').map((file) => [file, read(tree, file)]));
}

async function generate(tree: Tree, options: ServiceGeneratorSchema): Promise<void> {
  const done = await serviceGenerator(tree, options);
  await done();
}

/**
 * The seeded k8s folder as it was before `name` was generated, so a test of what the generator
 * writes for it does not pass on the files it wrote for real.
 */
function withoutK8s(tree: Tree, name: string): void {
  tree.delete(`k8s/${name}`);
  const kustomization = read(tree, 'k8s/kustomization.yaml');
  tree.write(
    'k8s/kustomization.yaml',
    kustomization.replace(new RegExp(`\\n  # ${name}(\\n  - ${name}/[^\\n]+)+`), ''),
  );
}

/** The gateway's services list as the config declares it. */
function knownServices(tree: Tree): string[] {
  const list =
    /KNOWN_SERVICES = \[([^\]]*)\]/.exec(read(tree, 'apps/gateway/src/gateway.config.ts'))?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
}

/** The block of `  <key>:` in docker-compose.yml's services, up to the next entry. */
function composeEntry(tree: Tree, key: string): string {
  const compose = read(tree, 'docker-compose.yml');
  const start = compose.indexOf(`\n  ${key}:\n`);
  if (start < 0) return '';
  const next = compose.slice(start + 1).search(/\n {2}[a-z#][^\n]*\n/);
  return compose.slice(start + 1, next < 0 ? undefined : start + 1 + next);
}

describe('service generator', () => {
  let tree: Tree;

  beforeEach(() => {
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    tree = createTreeWithEmptyWorkspace();
    for (const file of SEEDED) seed(tree, file);
  });

  afterEach(() => jest.restoreAllMocks());

  /** The services the shared files list now: the generator appends to whatever is there. */
  const composeServices = () =>
    /ARBOR_GATEWAY_SERVICES: ([a-z,-]+)\n/.exec(read(tree, 'docker-compose.yml'))?.[1] ?? '';
  const k8sServices = () =>
    /- name: ARBOR_GATEWAY_SERVICES\n\s+value: ([a-z,-]+)\n/.exec(
      read(tree, 'k8s/gateway/deployment.yaml'),
    )?.[1] ?? '';

  it('creates an app with the same files as service-enablement, named, numbered and prefixed for the new one', async () => {
    await generate(tree, { name: 'client-records' });

    // The shape every service starts with: service-enablement's project files, its top-level
    // sources and its first migration (not the features it has grown since).
    const shape =
      /^apps\/service-enablement\/(?:[^/]+|src\/[^/]+\.ts|migrations\/0000_[^/]+|migrations\/meta\/(?:0000_snapshot|_journal)\.json)$/;
    const template = files(tree, 'apps/service-enablement')
      .filter((file) => shape.test(file) && !file.endsWith('.spec.ts') && !file.endsWith('-spec.ts'))
      .map((file) => file.replace(/service-enablement/g, 'client-records'));
    const generated = files(tree, 'apps/client-records');
    expect(generated.filter((file) => !file.endsWith('-spec.ts')).sort()).toEqual(template.sort());
    // …and one integration test, on the shared service world, that the service answers on the bus.
    expect(generated.filter((file) => file.endsWith('-spec.ts'))).toEqual([
      'apps/client-records/src/client-records.integration-spec.ts',
    ]);
    const spec = read(tree, 'apps/client-records/src/client-records.integration-spec.ts');
    expect(spec).toMatch(/^\/\/ Real: [^]*Faked: /);
    expect(spec).toContain('createServiceWorld({');
    expect(spec).toContain('module: ({ clock }) => ClientRecordsModule.forRoot({ clock })');
    expect(spec).not.toContain('audit');

    const config = read(tree, 'apps/client-records/src/client-records.config.ts');
    expect(config).toContain("export const SERVICE_NAME = 'client-records';");
    expect(config).toContain(
      'export function loadClientRecordsConfig(env: Environment = process.env): ClientRecordsConfig',
    );
    expect(config).toContain('readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9402 })'); // docs/runtime-names.md
    const module = read(tree, 'apps/client-records/src/client-records.module.ts');
    expect(module).toContain('export class ClientRecordsModule {');
    expect(module).toContain('imports: [ClockModule.forRoot(options.clock)]'); // the service's Clock
    expect(module).not.toContain('AuditRepository');
    expect(module).toContain('client-records owns clients (Info section)'); // the plan of services
    expect(read(tree, 'apps/client-records/src/main.ts')).toContain('module: ClientRecordsModule.forRoot()');
    expect(read(tree, 'apps/client-records/drizzle.config.ts')).toContain(
      "out: './apps/client-records/migrations'",
    );

    const project = JSON.parse(read(tree, 'apps/client-records/project.json')) as {
      name: string;
      targets: Record<string, { command: string }>;
    };
    const original = JSON.parse(read(tree, 'apps/service-enablement/project.json')) as typeof project;
    expect(project.name).toBe('client-records');
    expect(Object.keys(project.targets)).toEqual(Object.keys(original.targets));
    expect(project.targets['serve']?.command).toBe(
      'node dist/client-records/apps/client-records/src/main.js',
    );
    expect(JSON.stringify(project)).not.toContain('enablement');
  });

  it('gives the app the initial outbox/inbox migration, under a fresh snapshot id', async () => {
    await generate(tree, { name: 'notes' });

    const migration = (app: string, file: string) => read(tree, `apps/${app}/migrations/${file}`);
    expect(migration('notes', '0000_init.sql')).toBe(migration('service-enablement', '0000_init.sql'));
    const snapshot = JSON.parse(migration('notes', 'meta/0000_snapshot.json')) as { id: string };
    const original = JSON.parse(migration('service-enablement', 'meta/0000_snapshot.json')) as { id: string };
    expect(snapshot.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(snapshot.id).not.toBe(original.id);
    expect({ ...snapshot, id: '' }).toEqual({ ...original, id: '' });
    const journal = JSON.parse(migration('notes', 'meta/_journal.json')) as { entries: { tag: string }[] };
    expect(journal.entries.map((entry) => entry.tag)).toEqual(['0000_init']);
  });

  it('mounts the append-only audit log with --audit: table, trigger migration, repository', async () => {
    await generate(tree, { name: 'notes', audit: true });

    const migrations = 'apps/notes/migrations';
    const journal = JSON.parse(read(tree, `${migrations}/meta/_journal.json`)) as {
      entries: { idx: number; tag: string }[];
    };
    expect(journal.entries.map((entry) => [entry.idx, entry.tag])).toEqual([
      [0, '0000_init'],
      [1, '0001_audit-log'],
      [2, '0002_audit-append-only'],
    ]);
    expect(read(tree, `${migrations}/0001_audit-log.sql`)).toBe(
      read(tree, 'libs/audit/test/migrations/0000_audit-log.sql'),
    );
    // The trigger, exactly as libs/audit exports it (AUDIT_LOG_APPEND_ONLY_SQL is this file).
    expect(read(tree, `${migrations}/0002_audit-append-only.sql`)).toBe(
      read(tree, 'libs/audit/test/migrations/0001_audit-append-only.sql'),
    );
    const snapshots = [0, 1, 2].map(
      (n) =>
        JSON.parse(read(tree, `${migrations}/meta/000${n}_snapshot.json`)) as {
          id: string;
          prevId: string;
          tables: Record<string, unknown>;
        },
    );
    expect(snapshots.map((snapshot) => snapshot.prevId)).toEqual([
      '00000000-0000-0000-0000-000000000000',
      snapshots[0]!.id,
      snapshots[1]!.id,
    ]);
    expect(new Set(snapshots.map((snapshot) => snapshot.id)).size).toBe(3);
    expect(Object.keys(snapshots[2]!.tables).sort()).toEqual([
      'public.audit_log',
      'public.inbox',
      'public.outbox',
    ]);

    expect(read(tree, 'apps/notes/drizzle.config.ts')).toContain("'./libs/audit/src/audit-log.schema.ts'");
    expect(read(tree, 'apps/notes/src/notes.module.ts')).toContain('providers: [AuditRepository]');
    expect(read(tree, 'apps/notes/src/notes.integration-spec.ts')).toContain('TRUNCATE audit_log');
  });

  it('runs background jobs with --jobs: Redis in its config, the worker started with it, Redis in its test', async () => {
    await generate(tree, { name: 'notifications', jobs: true });

    const config = read(tree, 'apps/notifications/src/notifications.config.ts');
    expect(config).toContain('readonly jobs: { readonly redisUrl: string };');
    expect(config).toContain('jobs: readJobsConfig(env, SERVICE_NAME),');
    expect(read(tree, 'apps/notifications/src/main.ts')).toContain('jobs: config.jobs,');
    const spec = read(tree, 'apps/notifications/src/notifications.integration-spec.ts');
    expect(spec).toContain('jobs: true,');
    expect(spec).toContain("redis: { state: 'up' }");

    await generate(tree, { name: 'notes' });
    expect(read(tree, 'apps/notes/src/notes.config.ts')).not.toContain('jobs');
    expect(read(tree, 'apps/notes/src/main.ts')).not.toContain('jobs');
  });

  it('adds the k8s folder and lists it in kustomization.yaml', async () => {
    await generate(tree, { name: 'notes' });

    expect(files(tree, 'k8s/notes').sort()).toEqual(
      ['deployment.yaml', 'migrate-job.yaml', 'secret.example.yaml', 'service.yaml'].map(
        (f) => `k8s/notes/${f}`,
      ),
    );
    const deployment = read(tree, 'k8s/notes/deployment.yaml');
    expect(deployment).toContain('containerPort: 9403');
    expect(deployment).toContain('- name: ARBOR_NOTES_OPS_PORT');
    expect(deployment).toContain('name: arbor-notes');
    expect(deployment).toMatch(/^ {2}replicas: 2$/m);
    expect(read(tree, 'k8s/notes/secret.example.yaml')).toContain('ARBOR_NOTES_DATABASE_URL:');
    expect(read(tree, 'k8s/notes/migrate-job.yaml')).toContain("'dist/notes/apps/notes/src/migrate.js'");
    for (const file of files(tree, 'k8s/notes')) expect(read(tree, file)).not.toContain('enablement');

    const kustomization = read(tree, 'k8s/kustomization.yaml');
    for (const resource of ['migrate-job', 'deployment', 'service']) {
      expect(kustomization).toContain(`\n  - notes/${resource}.yaml\n`);
    }
    expect(kustomization).not.toContain('notes/hpa.yaml');
    expect(kustomization).not.toContain('notes/secret.example.yaml');
    expect(kustomization).toContain(
      '  - name: arbor-notes\n    newName: ghcr.io/arbor-health/arbor-notes\n    newTag: latest',
    );
    // The resource goes in the resources list, before `images:`.
    expect(kustomization.indexOf('- notes/service.yaml')).toBeLessThan(kustomization.indexOf('\nimages:'));
  });

  it('adds the migrate step and the app to docker-compose.yml, and the service to the gateway', async () => {
    // A name no real service will take, so the seeded files never list it already.
    const [composeBefore, k8sBefore, knownBefore] = [composeServices(), k8sServices(), knownServices(tree)];
    await generate(tree, { name: 'zz-sample' });

    const migrate = composeEntry(tree, 'zz-sample-migrate');
    expect(migrate).toContain("command: ['node', 'dist/zz-sample/apps/zz-sample/src/migrate.js']");
    expect(migrate).toContain(
      'ARBOR_ZZ_SAMPLE_DATABASE_URL: postgres://postgres:arbor@postgres:5432/arbor_zz_sample',
    );
    const app = composeEntry(tree, 'zz-sample');
    expect(app).toMatch(/OPS_PORT: '94\d\d'/);
    expect(app).toContain('zz-sample-migrate:\n        condition: service_completed_successfully');
    const compose = read(tree, 'docker-compose.yml');
    expect(compose.indexOf('\n  zz-sample:\n')).toBeLessThan(compose.indexOf('\n  gateway:\n'));

    const gateway = composeEntry(tree, 'gateway');
    expect(composeServices()).toBe(`${composeBefore},zz-sample`);
    expect(gateway).toContain('      zz-sample:\n        condition: service_healthy');
    expect(k8sServices()).toBe(`${k8sBefore},zz-sample`);
    expect(knownServices(tree)).toEqual([...knownBefore, 'zz-sample']);
  });

  it('gives invoicing, payments and notifications an autoscaler and no fixed replica count', async () => {
    withoutK8s(tree, 'invoicing');
    expect(tree.exists('k8s/invoicing/hpa.yaml')).toBe(false);
    expect(read(tree, 'k8s/kustomization.yaml')).not.toContain('invoicing/');
    await generate(tree, { name: 'invoicing' });

    const hpa = read(tree, 'k8s/invoicing/hpa.yaml');
    expect(hpa).toContain('kind: HorizontalPodAutoscaler');
    expect(hpa).not.toContain('__APP__');
    expect(hpa).toMatch(
      /scaleTargetRef:\n\s+apiVersion: apps\/v1\n\s+kind: Deployment\n\s+name: invoicing\n/,
    );
    expect(read(tree, 'k8s/invoicing/deployment.yaml')).not.toMatch(/^\s*replicas:/m);
    expect(read(tree, 'k8s/kustomization.yaml')).toContain('\n  - invoicing/hpa.yaml\n');
    expect(read(tree, 'apps/invoicing/src/invoicing.config.ts')).toContain('opsPort: 9405');
  });

  it('follows --hpa either way', async () => {
    withoutK8s(tree, 'notifications');
    await generate(tree, { name: 'notifications', hpa: false });
    await generate(tree, { name: 'notes', hpa: true });

    expect(tree.exists('k8s/notifications/hpa.yaml')).toBe(false);
    expect(read(tree, 'k8s/notifications/deployment.yaml')).toMatch(/^ {2}replicas: 2$/m);
    expect(tree.exists('k8s/notes/hpa.yaml')).toBe(true);
    expect(read(tree, 'k8s/kustomization.yaml')).toContain('\n  - notes/hpa.yaml\n');
  });

  it('numbers a service that docs/runtime-names.md does not list after the highest port in use, and lists it there', async () => {
    const docs = read(tree, 'docs/runtime-names.md');
    const highest = Math.max(
      ...[...docs.matchAll(/^\|[^|]+\|[^|]+\|\s*(94\d\d)\s*\|/gm)].map((m) => Number(m[1])),
    );

    await generate(tree, { name: 'zz-sample' });

    const port = highest + 1;
    expect(read(tree, 'apps/zz-sample/src/zz-sample.config.ts')).toContain(`opsPort: ${port}`);
    expect(read(tree, 'apps/zz-sample/src/zz-sample.module.ts')).toContain('TODO: what zz-sample owns');
    expect(read(tree, 'docs/runtime-names.md')).toContain(
      `| zz-sample | — | ${port} | \`arbor_zz_sample\` |\n`,
    );
    expect(read(tree, 'k8s/zz-sample/deployment.yaml')).toContain('- name: ARBOR_ZZ_SAMPLE_OPS_PORT');
  });

  it('leaves docs/runtime-names.md alone for a service it lists', async () => {
    const before = read(tree, 'docs/runtime-names.md');
    await generate(tree, { name: 'notes' });
    expect(read(tree, 'docs/runtime-names.md')).toBe(before);
  });

  it('changes nothing when run a second time, and keeps files edited since', async () => {
    const knownBefore = knownServices(tree);
    await generate(tree, { name: 'zz-again' });
    await generate(tree, { name: 'zz-sample' });
    tree.write('apps/zz-again/src/zz-again.module.ts', '// edited by hand\n');
    const first = snapshot(tree);

    await generate(tree, { name: 'zz-again' });
    await generate(tree, { name: 'zz-sample' });

    expect(snapshot(tree)).toEqual(first);
    expect(knownServices(tree)).toEqual([...knownBefore, 'zz-again', 'zz-sample']);
    const kept = jest
      .mocked(logger.info)
      .mock.calls.map(([message]) => String(message))
      .filter((message) => message.startsWith('kept existing'));
    expect(kept).toEqual(['kept existing apps/zz-again/src/zz-again.module.ts']);
  });

  it('lists every planned service in the gateway, one per line once they no longer fit on one', async () => {
    const knownBefore = knownServices(tree);
    const planned = ['identity', 'client-records', 'notes', 'invoicing', 'payments', 'notifications'];
    for (const name of planned) await generate(tree, { name });

    const all = [...knownBefore, ...planned.filter((name) => !knownBefore.includes(name))];
    expect(knownServices(tree)).toEqual(all);
    expect(read(tree, 'apps/gateway/src/gateway.config.ts')).toContain(
      `export const KNOWN_SERVICES = [\n${all.map((name) => `  '${name}',\n`).join('')}]`,
    );
    expect(k8sServices()).toBe(all.join(','));
  });

  it.each([
    'Notes',
    'client_records',
    'client--records',
    '-notes',
    'notes-',
    '1notes',
    '',
    'gateway',
    'web',
    'notes-migrate',
    'a'.repeat(41),
  ])('refuses the name %j and writes nothing', async (name) => {
    const before = snapshot(tree);
    await expect(serviceGenerator(tree, { name })).rejects.toThrow();
    expect(snapshot(tree)).toEqual(before);
  });

  it('refuses an ops port another app uses', async () => {
    await expect(serviceGenerator(tree, { name: 'zz-sample', opsPort: 9404 })).rejects.toThrow(
      /9404 is already service-enablement's/,
    );
  });
});
