import { z } from 'zod';
import { KeyRingSetting, type KeyRing } from '@arbor/crypto';
import {
  parseConfig,
  readServiceHostConfig,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'client-records';

export interface ClientRecordsConfig extends ServiceHostConfig {
  /** Key-encryption keys for clients' Info at rest; the first wraps new data keys. */
  readonly keyEncryptionKeys: KeyRing;
  /** The HMAC key of the search hashes (email, name prefixes): a different secret from the KEKs. */
  readonly searchKey: Buffer;
}

const SearchKey = z
  .string()
  .min(1, 'must be set: base64 of 32 random bytes')
  .transform((value, context) => {
    const key = Buffer.from(value, 'base64');
    if (key.length !== 32) {
      context.addIssue({ code: 'custom', message: 'must be base64 of 32 random bytes' });
      return z.NEVER;
    }
    return key;
  });

const ClientRecordsSettings = z.object({ keyEncryptionKeys: KeyRingSetting, searchKey: SearchKey });

/** What the migrate step needs: the database, not the keys. */
export function loadClientRecordsHostConfig(env: Environment = process.env): ServiceHostConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9402 });
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadClientRecordsConfig(env: Environment = process.env): ClientRecordsConfig {
  const host = loadClientRecordsHostConfig(env);
  const settings = parseConfig(
    ClientRecordsSettings,
    {
      // Required, and service-specific on purpose: no other service may read these keys.
      keyEncryptionKeys: env['ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS'] ?? '',
      searchKey: env['ARBOR_CLIENT_RECORDS_SEARCH_KEY'] ?? '',
    },
    SERVICE_NAME,
  );
  return { ...host, ...settings };
}
