#!/usr/bin/env node
// `npm test`: every test tier of every project — unit, then integration and end-to-end against
// the real PostgreSQL, RabbitMQ and Redis (local, from ARBOR_TEST_*_URL, or testcontainers) —
// and one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const resultsDir = path.resolve('.test-results');
rmSync(resultsDir, { recursive: true, force: true });

const env = { ...process.env, NX_DAEMON: 'false' };
const steps = [
  // Unit tests touch no shared state: two at a time.
  ['run-many', '-t', 'test', '--parallel=2', '--output-style=stream'],
  // Integration and end-to-end tests share one broker and one database server: one project at a time.
  ['run-many', '-t', 'integration', '--parallel=1', '--output-style=stream'],
  ['run-many', '-t', 'e2e', '--parallel=1', '--output-style=stream'],
];
let failedStep = false;
for (const args of steps) {
  const result = spawnSync('npx', ['nx', ...args, '--skip-nx-cache'], { stdio: 'inherit', env });
  if (result.status !== 0) failedStep = true;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(resultsDir, { withFileTypes: true }).filter((entry) => entry.isFile())) {
  const summary = JSON.parse(readFileSync(path.join(resultsDir, file.name), 'utf8'));
  passed += summary.passed;
  failed += summary.failed;
  skipped += summary.skipped;
}
if (failedStep && failed === 0) failed = 1; // a project that failed before running its tests
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
