// Writes each Jest run's counts to .test-results/, so `npm test` can print one closing line for
// the whole workspace (Nx runs one Jest per project and tier).
const { mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '../../.test-results');
    mkdirSync(dir, { recursive: true });
    const name = `${path.relative(path.join(__dirname, '../..'), this.rootDir).replace(/[\\/]/g, '_')}-${process.pid}.json`;
    writeFileSync(
      path.join(dir, name),
      JSON.stringify({
        project: this.rootDir,
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
