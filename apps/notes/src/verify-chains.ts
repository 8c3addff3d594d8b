import 'reflect-metadata';
import { connectDatabase, redactUrl } from '@arbor/database';
import { describeReport, verifyNoteChains } from './notes/chain-verification';
import { loadNotesConfig, SERVICE_NAME } from './notes.config';

/**
 * Tamper check, run by an operator (or on a schedule): recomputes every client's hash chain of
 * notes and addenda, and opens every body with the configured keys. Exits 1 naming the first
 * broken link of each client and every body that does not decrypt; 0 when everything verifies.
 *   node dist/notes/apps/notes/src/verify-chains.js
 */
async function main(): Promise<void> {
  const config = loadNotesConfig();
  const database = connectDatabase(config.databaseUrl, { max: 1 });
  try {
    const report = await verifyNoteChains(database.db, config.keyEncryptionKeys);
    const problems = describeReport(report);
    for (const line of problems) console.error(`${SERVICE_NAME}: ${line}`);
    console.log(
      `${SERVICE_NAME}: ${report.entries} entries of ${report.clients} clients checked in ${redactUrl(config.databaseUrl)}: ` +
        (problems.length === 0 ? 'every chain intact, every body decrypts' : `${problems.length} problems`),
    );
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`${SERVICE_NAME}: chain verification failed:`, error);
  process.exit(1);
});
