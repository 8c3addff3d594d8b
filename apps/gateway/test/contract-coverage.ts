import { appendFileSync } from 'node:fs';
import path from 'node:path';

/** Where the e2e global setup collects which operations answered a checked success. */
export const CONTRACT_DIR_ENV = 'ARBOR_E2E_CONTRACT_DIR';
export const COVERAGE_FILE = 'operations.jsonl';

export type CoverageRecord =
  { kind: 'documented'; operationIds: string[] } | { kind: 'called'; operationId: string; spec: string };

function append(record: CoverageRecord): void {
  const dir = process.env[CONTRACT_DIR_ENV];
  if (dir) appendFileSync(path.join(dir, COVERAGE_FILE), `${JSON.stringify(record)}\n`);
}

/** Notes the operations a gateway documents (each checker does, for the gateway it checks). */
export function recordDocumented(operationIds: string[]): void {
  append({ kind: 'documented', operationIds });
}

/** Notes that `operationId` answered a success the contract check accepted, in `spec`. */
export function recordCheckedSuccess(operationId: string, spec: string): void {
  append({ kind: 'called', operationId, spec });
}
