import ts from 'typescript';

/**
 * Text edits of the files every service is listed in. Each takes the file's text and returns it
 * with the service added, or unchanged when the service is already there (so the generator can
 * run twice). The YAML files keep their comments and layout, which a YAML library would not, so
 * the edits work on lines: a block is the lines below its header that are indented further.
 */

export interface ServiceNames {
  /** kebab-case app name, e.g. `client-records` */
  name: string;
  /** `CLIENT_RECORDS` in `ARBOR_CLIENT_RECORDS_*` */
  envPrefix: string;
  /** `arbor_client_records` */
  databaseName: string;
  opsPort: number;
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Index after the last non-blank line of the block that starts at `header`. */
function blockEnd(lines: readonly string[], header: number): number {
  const indent = indentOf(lines[header] ?? '');
  let last = header;
  for (let i = header + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (indentOf(line) <= indent) break;
    last = i;
  }
  return last + 1;
}

/** The header line `key:` at exactly `indent` spaces inside [from, to), or -1. */
function findKey(lines: readonly string[], key: string, indent: number, from = 0, to = lines.length): number {
  const header = new RegExp(`^ {${indent}}${escapeRegExp(key)}:\\s*(#.*)?$`);
  for (let i = from; i < to; i += 1) if (header.test(lines[i] ?? '')) return i;
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `a,b` plus `c` → `a,b,c`; unchanged when `c` is in the list. */
function addToCommaList(list: string, name: string): string {
  const items = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.includes(name) ? list : [...items, name].join(',');
}

// ---------------------------------------------------------------------------------------------
// k8s/kustomization.yaml

export function addKustomizationEntries(text: string, name: string, hpa: boolean): string {
  const lines = text.split('\n');

  const resources = findKey(lines, 'resources', 0);
  if (resources < 0) throw new Error('k8s/kustomization.yaml has no `resources:` list');
  const end = blockEnd(lines, resources);
  const present = new Set(lines.slice(resources + 1, end).map((line) => line.trim()));
  const files = ['migrate-job.yaml', 'deployment.yaml', 'service.yaml', ...(hpa ? ['hpa.yaml'] : [])];
  const wanted = files.map((file) => `- ${name}/${file}`);
  const missing = wanted.filter((entry) => !present.has(entry));
  if (missing.length === wanted.length) {
    lines.splice(end, 0, `  # ${name}`, ...missing.map((entry) => `  ${entry}`));
  } else if (missing.length > 0) {
    // Some of the app's entries exist (e.g. hpa turned on later): add the rest after them.
    let after = resources;
    for (let i = resources + 1; i < end; i += 1) if (wanted.includes((lines[i] ?? '').trim())) after = i;
    lines.splice(after + 1, 0, ...missing.map((entry) => `  ${entry}`));
  }

  const images = findKey(lines, 'images', 0);
  const image = `arbor-${name}`;
  if (images < 0) {
    lines.push('images:');
    lines.push(...imageEntry(image));
  } else {
    const imagesEnd = blockEnd(lines, images);
    const listed = lines.slice(images + 1, imagesEnd).some((line) => line.trim() === `- name: ${image}`);
    if (!listed) lines.splice(imagesEnd, 0, ...imageEntry(image));
  }
  return lines.join('\n');
}

function imageEntry(image: string): string[] {
  return [`  - name: ${image}`, `    newName: ghcr.io/arbor-health/${image}`, '    newTag: latest'];
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

const SEPARATOR = `  # ${'-'.repeat(90)}`;

export function composeServiceBlock(service: ServiceNames, separator = SEPARATOR): string[] {
  const { name, envPrefix, databaseName, opsPort } = service;
  const databaseUrl = `ARBOR_${envPrefix}_DATABASE_URL: postgres://postgres:arbor@postgres:5432/${databaseName}`;
  return [
    separator,
    `  # ${name} (ops port ${opsPort}, database ${databaseName})`,
    `  ${name}-migrate:`,
    `    # Same image as the app, built only by the \`${name}\` entry below (two builds of one tag race).`,
    `    image: arbor-${name}:local`,
    '    pull_policy: never',
    `    command: ['node', 'dist/${name}/apps/${name}/src/migrate.js']`,
    '    environment:',
    '      <<: *arbor-env',
    `      ${databaseUrl}`,
    '    depends_on:',
    '      postgres:',
    '        condition: service_healthy',
    "    restart: 'no'",
    '',
    `  ${name}:`,
    `    image: arbor-${name}:local`,
    '    build:',
    '      context: .',
    '      dockerfile: deploy/Dockerfile',
    '      args:',
    `        APP: ${name}`,
    `        OPS_PORT: '${opsPort}'`,
    '    environment:',
    '      <<: *arbor-env',
    `      ${databaseUrl}`,
    '    depends_on:',
    '      <<: *infra-healthy',
    `      ${name}-migrate:`,
    '        condition: service_completed_successfully',
    '    healthcheck: *app-healthcheck',
    '    restart: unless-stopped',
    '',
  ];
}

/**
 * Adds `<name>-migrate` and `<name>` before the gateway's section, the gateway's dependency on the
 * new service and the name in its ARBOR_GATEWAY_SERVICES.
 */
export function addComposeService(text: string, service: ServiceNames): string {
  const { name } = service;
  const lines = text.split('\n');
  const services = findKey(lines, 'services', 0);
  if (services < 0) throw new Error('docker-compose.yml has no `services:`');

  let servicesEnd = blockEnd(lines, services);
  const hasEntry = (key: string) => findKey(lines, key, 2, services + 1, servicesEnd) >= 0;
  if (!hasEntry(name) && !hasEntry(`${name}-migrate`)) {
    const separator = lines.find((line) => /^ {2}# -{10,}$/.test(line)) ?? SEPARATOR;
    const gateway = findKey(lines, 'gateway', 2, services + 1, servicesEnd);
    let at: number;
    if (gateway >= 0) {
      // Before the comment lines that head the gateway's section.
      at = gateway;
      while (at > services + 1 && /^ {2}#/.test(lines[at - 1] ?? '')) at -= 1;
    } else {
      at = servicesEnd;
      lines.splice(at, 0, '');
      at += 1;
    }
    const block = composeServiceBlock(service, separator);
    if (gateway < 0) block.pop(); // no blank line needed before what follows the services
    lines.splice(at, 0, ...block);
    servicesEnd = blockEnd(lines, services);
  }

  const gateway = findKey(lines, 'gateway', 2, services + 1, servicesEnd);
  if (gateway >= 0) {
    const gatewayEnd = blockEnd(lines, gateway);
    const dependsOn = findKey(lines, 'depends_on', 4, gateway + 1, gatewayEnd);
    if (dependsOn >= 0) {
      const dependsEnd = blockEnd(lines, dependsOn);
      if (findKey(lines, name, 6, dependsOn + 1, dependsEnd) < 0) {
        lines.splice(dependsEnd, 0, `      ${name}:`, '        condition: service_healthy');
      }
    }
  }
  return addGatewayServicesVariable(lines.join('\n'), name);
}

/** `ARBOR_GATEWAY_SERVICES: a,b` (compose) gains the name. */
function addGatewayServicesVariable(text: string, name: string): string {
  return text.replace(
    /^(\s*ARBOR_GATEWAY_SERVICES:[ \t]*)(['"]?)([^'"\n#]*?)\2([ \t]*(?:#.*)?)$/m,
    (_match, head: string, quote: string, list: string, tail: string) =>
      `${head}${quote}${addToCommaList(list, name)}${quote}${tail}`,
  );
}

// ---------------------------------------------------------------------------------------------
// k8s/gateway/deployment.yaml

/** The env entry `- name: ARBOR_GATEWAY_SERVICES` / `value: a,b` gains the name. */
export function addGatewayDeploymentService(text: string, name: string): string {
  return text.replace(
    /(- name: ARBOR_GATEWAY_SERVICES[ \t]*\n[ \t]*value:[ \t]*)(['"]?)([^'"\n#]*?)\2([ \t]*(?:#.*)?)$/m,
    (_match, head: string, quote: string, list: string, tail: string) =>
      `${head}${quote}${addToCommaList(list, name)}${quote}${tail}`,
  );
}

// ---------------------------------------------------------------------------------------------
// k8s/<name>/deployment.yaml and hpa.yaml

/**
 * Removes `replicas:` (and the comment above it) from a Deployment that an autoscaler scales, so
 * that `kubectl apply` does not reset the count the autoscaler chose.
 */
export function dropReplicas(text: string): string {
  const lines = text.split('\n');
  const replicas = lines.findIndex((line) => /^ {2}replicas:\s*\d+\s*$/.test(line));
  if (replicas < 0) return text;
  let from = replicas;
  while (from > 0 && /^ {2}#/.test(lines[from - 1] ?? '')) from -= 1;
  lines.splice(
    from,
    replicas - from + 1,
    '  # No `replicas:`: hpa.yaml (a HorizontalPodAutoscaler) owns the count, and replicas compete',
    '  # on the same RabbitMQ queues. A fixed value here would reset it on every `kubectl apply`.',
  );
  return lines.join('\n');
}

/** k8s/_templates/hpa.yaml for one app: `__APP__` replaced, its generator notes swapped for a header. */
export function hpaFromTemplate(template: string, name: string): string {
  const lines = template.replace(/__APP__/g, name).split('\n');
  // The template's first comment paragraph speaks to the generator; keep the rest.
  const firstBreak = lines.findIndex((line) => line.trim() === '#');
  const leadingComment = lines.findIndex((line) => !line.startsWith('#'));
  const body = firstBreak >= 0 && firstBreak < leadingComment ? lines.slice(firstBreak + 1) : lines;
  return [
    `# ${name} scales with load (docs/architecture.md), so this autoscaler owns its replica count and`,
    '# deployment.yaml sets none. Made from _templates/hpa.yaml by the service generator.',
    '#',
    ...body,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// apps/gateway/src/gateway.config.ts

/** `KNOWN_SERVICES = [...] as const` gains the name (found through the TypeScript AST). */
export function addKnownService(source: string, name: string): string {
  const file = ts.createSourceFile('gateway.config.ts', source, ts.ScriptTarget.Latest, true);
  let list: ts.ArrayLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'KNOWN_SERVICES' && node.initializer) {
      let value: ts.Expression = node.initializer;
      while (
        ts.isAsExpression(value) ||
        ts.isSatisfiesExpression(value) ||
        ts.isParenthesizedExpression(value)
      ) {
        value = value.expression;
      }
      if (ts.isArrayLiteralExpression(value)) list = value;
    }
    if (!list) ts.forEachChild(node, visit);
  };
  visit(file);
  if (!list) throw new Error('apps/gateway/src/gateway.config.ts: no `KNOWN_SERVICES = [...]` array');
  const elements = list.elements;
  if (elements.some((element) => ts.isStringLiteralLike(element) && element.text === name)) return source;
  const items = [...elements.map((element) => element.getText(file)), `'${name}'`];
  // Laid out as prettier would (printWidth 110): on one line while it fits, else one per line.
  const start = list.getStart(file);
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = source.indexOf('\n', list.getEnd());
  const indent = /^\s*/.exec(source.slice(lineStart, start))?.[0] ?? '';
  const oneLine = `[${items.join(', ')}]`;
  const fits =
    !list.getText(file).includes('\n') &&
    source.slice(lineStart, start).length +
      oneLine.length +
      source.slice(list.getEnd(), lineEnd < 0 ? undefined : lineEnd).length <=
      PRINT_WIDTH;
  const array = fits ? oneLine : `[\n${items.map((item) => `${indent}  ${item},\n`).join('')}${indent}]`;
  return `${source.slice(0, start)}${array}${source.slice(list.getEnd())}`;
}

const PRINT_WIDTH = 110; // .prettierrc.json

// ---------------------------------------------------------------------------------------------
// docs/runtime-names.md

interface AppsTable {
  rows: { app: string; opsPort: number | undefined }[];
  /** index of the table's last line */
  last: number;
  lines: string[];
}

function readAppsTable(markdown: string): AppsTable | undefined {
  const lines = markdown.split('\n');
  const heading = lines.findIndex((line) => /^##\s+Apps\s*$/.test(line));
  if (heading < 0) return undefined;
  const first = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  if (first < 0) return undefined;
  let last = first;
  while ((lines[last + 1] ?? '').startsWith('|')) last += 1;
  const rows = lines
    .slice(first + 2, last + 1) // header and separator rows first
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .map((cells) => ({
      app: cells[1] ?? '',
      opsPort: /^\d+$/.test(cells[3] ?? '') ? Number(cells[3]) : undefined,
    }));
  return { rows, last, lines };
}

/** The ops port of every app in docs/runtime-names.md's Apps table. */
export function readRuntimeNamesPorts(markdown: string): Map<string, number> {
  const ports = new Map<string, number>();
  for (const row of readAppsTable(markdown)?.rows ?? [])
    if (row.opsPort !== undefined) ports.set(row.app, row.opsPort);
  return ports;
}

export function addRuntimeNamesRow(markdown: string, service: ServiceNames): string {
  const table = readAppsTable(markdown);
  if (!table) throw new Error('docs/runtime-names.md has no "## Apps" table');
  if (table.rows.some((row) => row.app === service.name)) return markdown;
  table.lines.splice(
    table.last + 1,
    0,
    `| ${service.name} | — | ${service.opsPort} | \`${service.databaseName}\` |`,
  );
  return table.lines.join('\n');
}
