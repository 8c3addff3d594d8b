import { z } from 'zod';
import {
  parseConfig,
  readJobsConfig,
  readServiceHostConfig,
  settingReader,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'invoicing';

export interface InvoicingConfig extends ServiceHostConfig {
  /** Where its background jobs live (`ARBOR_INVOICING_REDIS_URL`, else `ARBOR_REDIS_URL`). */
  readonly jobs: { readonly redisUrl: string };
  /**
   * How old another key's claim on an invoice must be before a pay with a new key asks payments
   * what that key did (`ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS`).
   */
  readonly chargeClaimStaleMs: number;
}

/** A minute, unless the RPC timeout is so long that twice it is more. */
export const DEFAULT_CHARGE_CLAIM_STALE_MS = 60_000;

/**
 * The only reader of the environment in this app; see docs/runtime-names.md for every variable.
 * A charge request lives in RabbitMQ as long as the RPC timeout (its TTL): a claim younger than
 * twice that may still have its request on the way, so the stale threshold may not be shorter.
 */
export function loadInvoicingConfig(env: Environment = process.env): InvoicingConfig {
  const host = readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9405 });
  const { chargeClaimStaleMs } = parseConfig(
    z.object({
      chargeClaimStaleMs: z.coerce
        .number()
        .int()
        .max(3_600_000)
        .min(2 * host.rpcTimeoutMs, `must be at least twice the RPC timeout (${host.rpcTimeoutMs} ms)`)
        .default(Math.max(DEFAULT_CHARGE_CLAIM_STALE_MS, 2 * host.rpcTimeoutMs)),
    }),
    { chargeClaimStaleMs: settingReader(env, SERVICE_NAME)('CHARGE_CLAIM_STALE_MS') },
    SERVICE_NAME,
  );
  return { ...host, jobs: readJobsConfig(env, SERVICE_NAME), chargeClaimStaleMs };
}
