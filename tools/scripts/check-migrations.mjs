#!/usr/bin/env node
// CI drift check: regenerating every app's migrations from its schema must change nothing. A
// schema edited without a migration fails here, not in production. The folders are snapshotted
// first and put back exactly as they were, so running it locally never costs uncommitted work.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function snapshot(folder) {
  const files = new Map();
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(full, readFileSync(full));
    }
  };
  walk(folder);
  return files;
}

const configs = [
  ...readdirSync('apps')
    .filter((app) => existsSync(`apps/${app}/drizzle.config.ts`))
    .map((app) => `apps/${app}/drizzle.config.ts`),
  ...readdirSync('libs')
    .filter((lib) => existsSync(`libs/${lib}/test/drizzle.config.ts`))
    .map((lib) => `libs/${lib}/test/drizzle.config.ts`),
];
let drift = false;
for (const config of configs) {
  const folder = config.replace(/drizzle\.config\.ts$/, 'migrations');
  const before = snapshot(folder);
  const generated = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config], { encoding: 'utf8' });
  const after = snapshot(folder);
  const changed = [...after.keys()].filter(
    (file) => !before.has(file) || !before.get(file).equals(after.get(file)),
  );
  for (const file of changed) {
    if (before.has(file)) writeFileSync(file, before.get(file));
    else rmSync(file);
  }
  if (generated.status !== 0) {
    console.error(generated.stdout, generated.stderr);
    process.exit(1);
  }
  if (changed.length > 0) {
    drift = true;
    console.error(
      `schema drift in ${folder}: the schema changed without a migration (${changed.join(', ')})`,
    );
  } else {
    console.log(`migrations up to date: ${folder}`);
  }
}
process.exit(drift ? 1 : 0);
