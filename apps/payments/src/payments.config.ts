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

/** When the recovery job looks at attempts whose outcome was never recorded. */
export interface PaymentRecoveryConfig {
  /** How long a STARTED attempt is left to the request that began it before recovery asks about it. */
  readonly startedGraceMs: number;
  /** How often the recovery job runs. */
  readonly everyMs: number;
}

// At least a second each: shorter only makes recovery race requests that are about to record
// their own answer (harmless, as settling is first-wins, but wasted processor calls).
const RecoverySettings = z.object({
  startedGraceMs: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  everyMs: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
});

/**
 * `ARBOR_PAYMENTS_RECOVERY_GRACE_MS` and `…_EVERY_MS`. Read on their own, where the job's schedule
 * is declared (recover-attempts.job.ts), since that happens when the module loads.
 */
export function loadPaymentRecoveryConfig(env: Environment = process.env): PaymentRecoveryConfig {
  return parseConfig(
    RecoverySettings,
    {
      startedGraceMs: env['ARBOR_PAYMENTS_RECOVERY_GRACE_MS'] || undefined,
      everyMs: env['ARBOR_PAYMENTS_RECOVERY_EVERY_MS'] || undefined,
    },
    SERVICE_NAME,
  );
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
