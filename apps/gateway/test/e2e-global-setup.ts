import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTRACT_DIR_ENV } from './contract-coverage';

/**
 * The e2e tier's global setup: the shared one (PostgreSQL, RabbitMQ, Redis), then a fresh
 * directory where every spec records which operations it called successfully (read by the
 * global teardown).
 */
export default async function globalSetup(): Promise<void> {
  await shared('global-setup');
  process.env[CONTRACT_DIR_ENV] = mkdtempSync(path.join(tmpdir(), 'arbor-e2e-contracts-'));
}

/** The tiers' shared setup and teardown, by path as jest.preset.js names them (they are no library API). */
async function shared(file: 'global-setup' | 'global-teardown'): Promise<void> {
  const module = (await import(path.join(__dirname, '../../../libs/testing/src', file))) as {
    default: () => Promise<void>;
  };
  await module.default();
}
