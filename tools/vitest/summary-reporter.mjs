// Writes a Vitest run's counts to .test-results/, as tools/jest/summary-reporter.js does for Jest,
// so `npm test` prints one closing line for the whole workspace, web app included.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default class SummaryReporter {
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed to load has no tests to count.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    failed += unhandledErrors.length;
    const dir = path.join(workspace, '.test-results');
    mkdirSync(dir, { recursive: true });
    const name = `${path.relative(workspace, this.root).replace(/[\\/]/g, '_')}-vitest-${process.pid}.json`;
    writeFileSync(path.join(dir, name), JSON.stringify({ project: this.root, passed, failed, skipped }));
  }
}
