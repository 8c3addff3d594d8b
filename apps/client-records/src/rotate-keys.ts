import 'reflect-metadata';
import { connectDatabase, redactUrl } from '@arbor/database';
import { searchKey } from './clients/client-search';
import { rotateClientKeys } from './clients/key-rotation';
import { loadClientRecordsConfig, SERVICE_NAME } from './client-records.config';

/**
 * Key rotation, run by an operator after putting a new key first in
 * ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS (the old one still listed) and/or setting a new
 * ARBOR_CLIENT_RECORDS_SEARCH_KEY: re-wraps data keys and recomputes search hashes. When it
 * reports every client done, the old key-encryption key can be removed.
 *   node dist/client-records/apps/client-records/src/rotate-keys.js
 */
async function main(): Promise<void> {
  const config = loadClientRecordsConfig();
  const database = connectDatabase(config.databaseUrl, { max: 1 });
  try {
    const search = searchKey(config.searchKey);
    const { rewrapped, rehashed, total } = await rotateClientKeys(
      database.db,
      config.keyEncryptionKeys,
      search,
    );
    console.log(
      `${SERVICE_NAME}: of ${total} clients, ${rewrapped} re-wrapped under key "${config.keyEncryptionKeys.activeKeyId}" and ${rehashed} re-hashed under search key ${search.id} in ${redactUrl(config.databaseUrl)}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`${SERVICE_NAME}: key rotation failed:`, error);
  process.exit(1);
});
