import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { generateFiles, getProjects, logger, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import {
  addComposeService,
  addGatewayDeploymentService,
  addKnownService,
  addKustomizationEntries,
  addRuntimeNamesRow,
  dropReplicas,
  hpaFromTemplate,
  readRuntimeNamesPorts,
  type ServiceNames,
} from './edits';
import { KNOWN_SERVICES, type KnownService } from './known-services';

/**
 * `npx nx g ./tools/generators:service <name> [--opsPort=94xx] [--hpa]`: a service app in exactly
 * the shape of apps/service-enablement, plus everything that lists the apps (k8s, compose, the
 * gateway, docs/runtime-names.md). Files that already exist are kept and entries already listed
 * are not added again, so running it twice changes nothing.
 */
export interface ServiceGeneratorSchema {
  name: string;
  opsPort?: number;
  hpa?: boolean;
  /** Mount the shared append-only audit log (libs/audit): its table and its trigger migration. */
  audit?: boolean;
  /** Run background jobs (libs/jobs): Redis in its config, `startService({ jobs })`. */
  jobs?: boolean;
}

export interface NormalizedService extends ServiceNames {
  /** `ClientRecords` in `ClientRecordsModule`, `loadClientRecordsConfig` */
  className: string;
  hpa: boolean;
  audit: boolean;
  jobs: boolean;
  known: KnownService | undefined;
}

export const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40; // k8s names (63), `arbor_<name>` as a PostgreSQL identifier (63)
/** Apps that are not services, and names a service may not take. */
const RESERVED = new Set(['gateway', 'web', 'generators']);

const PATHS = {
  compose: 'docker-compose.yml',
  kustomization: 'k8s/kustomization.yaml',
  hpaTemplate: 'k8s/_templates/hpa.yaml',
  gatewayDeployment: 'k8s/gateway/deployment.yaml',
  gatewayConfig: 'apps/gateway/src/gateway.config.ts',
  runtimeNames: 'docs/runtime-names.md',
};

export function validateName(name: unknown): string {
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) {
    throw new Error(
      `service name ${JSON.stringify(name)} must be kebab-case: lower-case letters and digits, words joined by ` +
        'single hyphens, starting with a letter (e.g. notes, client-records)',
    );
  }
  if (name.length > MAX_NAME_LENGTH)
    throw new Error(`service name "${name}" is longer than ${MAX_NAME_LENGTH} characters`);
  if (RESERVED.has(name))
    throw new Error(`"${name}" is not a service app name (reserved: ${[...RESERVED].join(', ')})`);
  if (name.endsWith('-migrate'))
    throw new Error(`service name "${name}" may not end in -migrate (its migrate step's name)`);
  return name;
}

/** Ops ports (94xx) in each app's `src/*.config.ts`. */
function configPorts(tree: Tree): Map<string, number[]> {
  const ports = new Map<string, number[]>();
  if (!tree.exists('apps')) return ports;
  for (const app of tree.children('apps')) {
    const src = `apps/${app}/src`;
    if (!tree.exists(src) || tree.isFile(src)) continue;
    for (const file of tree.children(src).filter((child) => child.endsWith('.config.ts'))) {
      const text = tree.read(`${src}/${file}`, 'utf-8') ?? '';
      const found = [...text.matchAll(/\b94\d\d\b/g)].map((match) => Number(match[0]));
      if (found.length > 0) ports.set(app, [...(ports.get(app) ?? []), ...found]);
    }
  }
  return ports;
}

function chooseOpsPort(tree: Tree, name: string, requested: number | undefined): number {
  const table = tree.exists(PATHS.runtimeNames)
    ? readRuntimeNamesPorts(tree.read(PATHS.runtimeNames, 'utf-8') ?? '')
    : new Map<string, number>();
  const inConfigs = configPorts(tree);
  const usedBy = new Map<number, string>();
  for (const [app, port] of table) if (app !== name) usedBy.set(port, app);
  for (const [app, ports] of inConfigs) if (app !== name) for (const port of ports) usedBy.set(port, app);

  const listed = table.get(name) ?? inConfigs.get(name)?.[0];
  let port = requested ?? listed;
  if (port === undefined) {
    const highest = Math.max(9400, ...[...usedBy.keys()].filter((used) => used >= 9400 && used <= 9499));
    port = highest + 1;
    if (port > 9499) throw new Error('no free ops port left in 9400-9499: pass --opsPort');
  }
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`opsPort ${port} must be an integer between 1024 and 65535`);
  }
  const owner = usedBy.get(port);
  if (owner) throw new Error(`ops port ${port} is already ${owner}'s (docs/runtime-names.md or its config)`);
  if (listed !== undefined && port !== listed) {
    logger.warn(
      `${name}: ops port ${port} differs from ${listed} in docs/runtime-names.md or its config; update them`,
    );
  }
  return port;
}

export function normalizeOptions(tree: Tree, options: ServiceGeneratorSchema): NormalizedService {
  const name = validateName(options.name);
  const clash = [...getProjects(tree).entries()].find(
    ([project, config]) => project === name && config.root !== `apps/${name}`,
  );
  if (clash) throw new Error(`an Nx project named "${name}" already exists at ${clash[1].root}`);
  const known = KNOWN_SERVICES[name];
  return {
    name,
    className: names(name).className,
    envPrefix: name.toUpperCase().replace(/-/g, '_'),
    databaseName: `arbor_${name.replace(/-/g, '_')}`,
    opsPort: chooseOpsPort(tree, name, options.opsPort),
    hpa: options.hpa ?? (tree.exists(`k8s/${name}/hpa.yaml`) || (known?.autoscaled ?? false)),
    audit: options.audit ?? false,
    jobs: options.jobs ?? false,
    known,
  };
}

/** The module's doc comment: what the service owns, from the plan of services (known-services.ts). */
export function moduleDoc(name: string, known: KnownService | undefined): string {
  const text = known
    ? `${name} owns ${known.owns}. It answers: ${known.answers}. It emits: ${known.emits}. ` +
      'Its tables, contracts and handlers arrive with their issues; ' +
      'the service already runs on the bus, answers readiness and relays its outbox.'
    : `TODO: what ${name} owns (its tables), the commands and queries it answers and the events it emits; ` +
      `add the same row to docs/architecture.md. The service already runs on the bus, answers ` +
      'readiness and relays its outbox.';
  return ['/**', ...wrap(text, 100 - ' * '.length).map((line) => ` * ${line}`), ' */'].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function filesUnder(tree: Tree, dir: string): string[] {
  if (!tree.exists(dir)) return [];
  if (tree.isFile(dir)) return [dir];
  return tree.children(dir).flatMap((child) => filesUnder(tree, `${dir}/${child}`));
}

/** Applies `edit` to a shared file; a missing file is reported, not created. */
function editFile(tree: Tree, file: string, edit: (text: string) => string, touched: string[]): void {
  if (!tree.exists(file)) {
    logger.warn(`${file} not found: add the new service to it by hand`);
    return;
  }
  const before = tree.read(file, 'utf-8') ?? '';
  const after = edit(before);
  if (after !== before) {
    tree.write(file, after);
    touched.push(file);
  }
}

/**
 * Formats what the generator wrote or edited with the workspace's prettier settings, so that a
 * generated service passes `npm run format:check` as it stands (a padded docs table row, a
 * project.json laid out like the others). Where prettier cannot run (Jest without ESM support)
 * the files stay as the templates and edits laid them out.
 */
const FORMATTED = /\.(ts|json|md|ya?ml)$/;

async function formatWritten(tree: Tree, files: string[]): Promise<void> {
  const sources = files.filter(
    (file) => FORMATTED.test(file) && !file.includes('/migrations/') && tree.exists(file),
  );
  if (sources.length === 0) return;
  try {
    const prettier = await import('prettier');
    const rc = tree.read('.prettierrc.json', 'utf-8');
    for (const file of sources) {
      const options = rc
        ? (JSON.parse(rc) as import('prettier').Options)
        : ((await prettier.resolveConfig(path.join(tree.root, file))) ?? {});
      const text = tree.read(file, 'utf-8') ?? '';
      const formatted = await prettier.format(text, { ...options, filepath: file });
      if (formatted !== text) tree.write(file, formatted);
    }
  } catch (error) {
    logger.warn(`not formatted with prettier (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Where the audit library keeps the migrations every service that mounts the audit log carries. */
const AUDIT_MIGRATIONS = 'libs/audit/test/migrations';

interface Journal {
  entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }>;
}
interface Snapshot {
  id: string;
  prevId: string;
  tables: Record<string, unknown>;
}

/**
 * The audit log's two migrations after the service's init: its table (what drizzle-kit writes
 * from libs/audit's schema) and the append-only trigger (a custom migration, the text of
 * AUDIT_LOG_APPEND_ONLY_SQL), both copied from libs/audit, with snapshots that add the table to
 * the init's so that `npm run db:check` finds nothing to generate.
 */
function writeAuditMigrations(tree: Tree, folder: string): void {
  const read = (file: string) => {
    const text = tree.read(file, 'utf-8');
    if (text === null)
      throw new Error(`${file} not found: --audit copies the audit log's migrations from it`);
    return text;
  };
  const auditJournal = JSON.parse(read(`${AUDIT_MIGRATIONS}/meta/_journal.json`)) as Journal;
  const [tableTag, triggerTag] = auditJournal.entries.map((entry) => entry.tag);
  if (!tableTag || !triggerTag) throw new Error(`${AUDIT_MIGRATIONS} should hold the table and the trigger`);
  const auditTables = (JSON.parse(read(`${AUDIT_MIGRATIONS}/meta/0000_snapshot.json`)) as Snapshot).tables;

  const journal = JSON.parse(read(`${folder}/meta/_journal.json`)) as Journal;
  const init = JSON.parse(read(`${folder}/meta/0000_snapshot.json`)) as Snapshot;
  const withAudit = { ...init.tables, ...auditTables };
  const start = journal.entries[0]?.when ?? Date.now();
  let previous = init.id;
  [
    { tag: '0001_audit-log', sql: read(`${AUDIT_MIGRATIONS}/${tableTag}.sql`) },
    { tag: '0002_audit-append-only', sql: read(`${AUDIT_MIGRATIONS}/${triggerTag}.sql`) },
  ].forEach((migration, index) => {
    const id = randomUUID();
    tree.write(`${folder}/${migration.tag}.sql`, migration.sql);
    const snapshot = { ...init, id, prevId: previous, tables: withAudit };
    tree.write(`${folder}/meta/000${index + 1}_snapshot.json`, `${JSON.stringify(snapshot, null, 2)}\n`);
    journal.entries.push({
      idx: index + 1,
      version: '7',
      when: start + index + 1,
      tag: migration.tag,
      breakpoints: true,
    });
    previous = id;
  });
  tree.write(`${folder}/meta/_journal.json`, `${JSON.stringify(journal, null, 2)}\n`);
}

export async function serviceGenerator(
  tree: Tree,
  options: ServiceGeneratorSchema,
): Promise<GeneratorCallback> {
  const service = normalizeOptions(tree, options);
  const { name } = service;
  const appRoot = `apps/${name}`;
  const k8sRoot = `k8s/${name}`;

  // Existing files win: remember them, render the templates, put them back.
  const existing = new Map<string, Buffer>();
  for (const file of [...filesUnder(tree, appRoot), ...filesUnder(tree, k8sRoot)]) {
    const content = tree.read(file);
    if (content) existing.set(file, content);
  }
  const hasMigrations = filesUnder(tree, `${appRoot}/migrations`).length > 0;
  generateFiles(tree, path.join(__dirname, 'files'), '.', {
    ...service,
    moduleDoc: moduleDoc(name, service.known),
    snapshotId: randomUUID(),
    migrationTime: Date.now(),
  });
  if (service.audit && !hasMigrations) writeAuditMigrations(tree, `${appRoot}/migrations`);
  const created: string[] = [];
  const kept: string[] = [];
  for (const file of [...filesUnder(tree, appRoot), ...filesUnder(tree, k8sRoot)]) {
    const before = existing.get(file);
    const migration = file.startsWith(`${appRoot}/migrations/`);
    if (before) {
      const rendered = tree.read(file, 'utf-8') ?? '';
      const expected =
        service.hpa && file === `${k8sRoot}/deployment.yaml` ? dropReplicas(rendered) : rendered;
      if (!migration && before.toString('utf-8') !== expected) kept.push(file);
      tree.write(file, before);
    } else if (hasMigrations && migration) {
      tree.delete(file); // the app has its own migration history: never add an init beside it
    } else {
      created.push(file);
    }
  }

  const touched: string[] = [];
  if (service.hpa) {
    const hpa = `${k8sRoot}/hpa.yaml`;
    if (!tree.exists(hpa)) {
      const template = tree.read(PATHS.hpaTemplate, 'utf-8');
      if (template === null)
        throw new Error(`${PATHS.hpaTemplate} not found: it is the autoscaler's template`);
      tree.write(hpa, hpaFromTemplate(template, name));
      created.push(hpa);
    }
    editFile(tree, `${k8sRoot}/deployment.yaml`, dropReplicas, touched);
  }
  editFile(tree, PATHS.kustomization, (text) => addKustomizationEntries(text, name, service.hpa), touched);
  editFile(tree, PATHS.compose, (text) => addComposeService(text, service), touched);
  editFile(tree, PATHS.gatewayDeployment, (text) => addGatewayDeploymentService(text, name), touched);
  editFile(tree, PATHS.gatewayConfig, (text) => addKnownService(text, name), touched);
  editFile(tree, PATHS.runtimeNames, (text) => addRuntimeNamesRow(text, service), touched);

  await formatWritten(tree, [...created, ...touched]);

  for (const file of kept) logger.info(`kept existing ${file}`);
  return () => {
    if (created.length === 0 && touched.length === 0) {
      logger.info(`${name}: nothing to do, the service is generated and listed everywhere already`);
      return;
    }
    logger.info(
      [
        `${name}: ops port ${service.opsPort}, database ${service.databaseName}, ARBOR_${service.envPrefix}_*` +
          (service.hpa ? ', autoscaled (k8s/' + name + '/hpa.yaml)' : ''),
        'Run it against the local PostgreSQL/RabbitMQ:',
        `  node tools/scripts/build-app.mjs ${name}`,
        `  node dist/${name}/apps/${name}/src/migrate.js && node dist/${name}/apps/${name}/src/main.js`,
        `Its first tables: add their *.schema.ts to apps/${name}/drizzle.config.ts, then`,
        `  npm run db:generate -- ${name} <migration-name>`,
        `Also worth a line: k8s/README.md's folder list, docs/architecture.md for a new kind of service.`,
      ].join('\n'),
    );
  };
}

export default serviceGenerator;
