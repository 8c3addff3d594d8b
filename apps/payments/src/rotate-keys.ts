import 'reflect-metadata';
import { connectDatabase, redactUrl } from '@arbor/database';
import { rotateProcessorCredentials } from './processor-accounts/credentials-rotation';
import { loadPaymentsConfig, SERVICE_NAME } from './payments.config';

/**
 * Key rotation, run by an operator after putting a new key first in
 * ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS (the old one still listed): re-wraps every account's data
 * key under the new key. When it reports every account done, the old key can be removed.
 *   node dist/payments/apps/payments/src/rotate-keys.js
 */
async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const database = connectDatabase(config.databaseUrl, { max: 1 });
  try {
    const { rewrapped, total } = await rotateProcessorCredentials(database.db, config.keyEncryptionKeys);
    console.log(
      `${SERVICE_NAME}: ${rewrapped} of ${total} processor accounts re-wrapped under key "${config.keyEncryptionKeys.activeKeyId}" in ${redactUrl(config.databaseUrl)}`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`${SERVICE_NAME}: key rotation failed:`, error);
  process.exit(1);
});
