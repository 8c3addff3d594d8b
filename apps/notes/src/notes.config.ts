import { z } from 'zod';
import { KeyRingSetting, type KeyRing } from '@arbor/crypto';
import {
  parseConfig,
  readServiceHostConfig,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'notes';

export interface NotesConfig extends ServiceHostConfig {
  /** Key-encryption keys for note and addendum bodies at rest; the first wraps new data keys. */
  readonly keyEncryptionKeys: KeyRing;
}

const NotesSettings = z.object({ keyEncryptionKeys: KeyRingSetting });

/** What the migrate step needs: the database, not the keys. */
export function loadNotesHostConfig(env: Environment = process.env): ServiceHostConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9403 });
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadNotesConfig(env: Environment = process.env): NotesConfig {
  const host = loadNotesHostConfig(env);
  const settings = parseConfig(
    NotesSettings,
    // Required, and service-specific on purpose: no other service may read these keys.
    { keyEncryptionKeys: env['ARBOR_NOTES_KEY_ENCRYPTION_KEYS'] ?? '' },
    SERVICE_NAME,
  );
  return { ...host, keyEncryptionKeys: settings.keyEncryptionKeys };
}
