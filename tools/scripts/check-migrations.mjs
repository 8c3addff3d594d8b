#!/usr/bin/env node
// CI drift check: regenerating every app's migrations from its schema must change nothing. A
// schema edited without a committed migration fails here, not in production.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';

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
  const generated = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config], { encoding: 'utf8' });
  if (generated.status !== 0) {
    console.error(generated.stdout, generated.stderr);
    process.exit(1);
  }
  const status = spawnSync('git', ['status', '--porcelain', '--', folder], {
    encoding: 'utf8',
  }).stdout.trim();
  if (status) {
    drift = true;
    console.error(`schema drift in ${folder}: the schema changed without a committed migration\n${status}`);
    spawnSync('git', ['checkout', '--', folder]);
    spawnSync('git', ['clean', '-fdq', '--', folder]);
  } else {
    console.log(`migrations up to date: ${folder}`);
  }
}
process.exit(drift ? 1 : 0);
