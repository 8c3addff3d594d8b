#!/usr/bin/env node
// `npx nx run gateway:openapi`: writes the gateway's OpenAPI document (from the route metadata, no
// broker needed), lints it with Redocly (root redocly.yaml), generates a TypeScript client with
// openapi-typescript and typechecks a sample client against it. Offline; output in dist/openapi/.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join('dist', 'openapi');
const document = path.join(out, 'openapi.json');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  SWC_NODE_PROJECT: 'tsconfig.base.json',
};

function run(label, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`openapi: ${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`openapi: ${label} ok (${Date.now() - started} ms)`);
}

run('write', process.execPath, ['-r', '@swc-node/register', 'tools/openapi/write-openapi.ts', document]);
run('lint', bin('redocly'), ['lint', document, '--config', 'redocly.yaml', '--format', 'stylish']);
run('client', bin('openapi-typescript'), [document, '-o', path.join(out, 'arbor-openapi.d.ts')]);
run('typecheck sample client', bin('tsc'), ['-p', 'tools/openapi/tsconfig.sample.json']);
