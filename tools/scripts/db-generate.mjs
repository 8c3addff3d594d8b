#!/usr/bin/env node
// Generates a migration for one app from its drizzle schema files:
//   npm run db:generate -- <app> [migration-name]
// Committed migrations are the only way a schema changes; never edit a generated file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [app, name] = process.argv.slice(2);
if (!app || !existsSync(`apps/${app}/drizzle.config.ts`)) {
  console.error('usage: npm run db:generate -- <app with apps/<app>/drizzle.config.ts> [migration-name]');
  process.exit(2);
}
const args = [
  'drizzle-kit',
  'generate',
  '--config',
  `apps/${app}/drizzle.config.ts`,
  ...(name ? ['--name', name] : []),
];
const result = spawnSync('npx', args, { stdio: 'inherit' });
process.exit(result.status ?? 1);
