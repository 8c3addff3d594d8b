import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '@jest/types';
import { CONTRACT_DIR_ENV, COVERAGE_FILE, type CoverageRecord } from './contract-coverage';

const SUCCESSES_THAT_DO_NOT_COUNT = new Set(['openapi-fuzz.e2e-spec.ts']);

/**
 * After the whole e2e tier: every documented operation must have answered a success that the
 * contract check accepted, in some spec; the run fails naming those that did not. Skipped when
 * only some specs or tests were asked for (while iterating on one file).
 */
export default async function globalTeardown(globalConfig: Config.GlobalConfig): Promise<void> {
  const dir = process.env[CONTRACT_DIR_ENV];
  try {
    const subset = globalConfig.nonFlagArgs.length > 0 || Boolean(globalConfig.testNamePattern);
    if (!dir || subset) {
      console.log('contract coverage: not checked (only some e2e specs ran)');
      return;
    }
    const file = path.join(dir, COVERAGE_FILE);
    const records = (existsSync(file) ? readFileSync(file, 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as CoverageRecord);
    const documented = new Set<string>();
    const called = new Set<string>();
    for (const record of records) {
      if (record.kind === 'documented') record.operationIds.forEach((id) => documented.add(id));
      // A success the fuzz stumbled on proves little: each operation needs a test that means it.
      else if (!SUCCESSES_THAT_DO_NOT_COUNT.has(record.spec)) called.add(record.operationId);
    }
    if (documented.size === 0) throw new Error('contract coverage: no e2e spec checked any answer');
    const missing = [...documented].filter((id) => !called.has(id)).sort();
    if (missing.length > 0) {
      throw new Error(
        `contract coverage: no e2e test called these documented operations successfully: ${missing.join(', ')}`,
      );
    }
    console.log(`contract coverage: all ${documented.size} documented operations answered a checked success`);
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await shared('global-teardown');
  }
}

/** The tiers' shared setup and teardown, by path as jest.preset.js names them (they are no library API). */
async function shared(file: 'global-setup' | 'global-teardown'): Promise<void> {
  const module = (await import(path.join(__dirname, '../../../libs/testing/src', file))) as {
    default: () => Promise<void>;
  };
  await module.default();
}
