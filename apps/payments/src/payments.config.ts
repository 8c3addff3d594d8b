import { z } from 'zod';
import { KeyRingSetting, type KeyRing } from '@arbor/crypto';
import {
  parseConfig,
  readJobsConfig,
  readServiceHostConfig,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'payments';

export interface PaymentsConfig extends ServiceHostConfig {
  /** Key-encryption keys for processor credentials at rest; the first wraps new data keys. */
  readonly keyEncryptionKeys: KeyRing;
  /**
   * Points every processor adapter at a local processor sandbox instead of the real processors
   * (demo and tests). Unset in production.
   */
  readonly processorSandboxUrl: string | undefined;
  /** Where the payment recovery job lives (`ARBOR_PAYMENTS_REDIS_URL`, else `ARBOR_REDIS_URL`). */
  readonly jobs: { readonly redisUrl: string };
}

const PaymentsSettings = z.object({
  keyEncryptionKeys: KeyRingSetting,
  processorSandboxUrl: z.url().optional(),
});

/** What the migrate step needs: the database, not the keys. */
export function loadPaymentsHostConfig(env: Environment = process.env): ServiceHostConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9406 });
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadPaymentsConfig(env: Environment = process.env): PaymentsConfig {
  const host = loadPaymentsHostConfig(env);
  const settings = parseConfig(
    PaymentsSettings,
    {
      // Required, and service-specific on purpose: no other service may read these keys.
      keyEncryptionKeys: env['ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS'] ?? '',
      processorSandboxUrl: env['ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL'] || undefined,
    },
    SERVICE_NAME,
  );
  return {
    ...host,
    keyEncryptionKeys: settings.keyEncryptionKeys,
    processorSandboxUrl: settings.processorSandboxUrl,
    jobs: readJobsConfig(env, SERVICE_NAME),
  };
}
