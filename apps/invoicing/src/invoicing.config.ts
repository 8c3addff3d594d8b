import {
  readJobsConfig,
  readServiceHostConfig,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'invoicing';

export interface InvoicingConfig extends ServiceHostConfig {
  /** Where its background jobs live (`ARBOR_INVOICING_REDIS_URL`, else `ARBOR_REDIS_URL`). */
  readonly jobs: { readonly redisUrl: string };
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadInvoicingConfig(env: Environment = process.env): InvoicingConfig {
  return {
    ...readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9405 }),
    jobs: readJobsConfig(env, SERVICE_NAME),
  };
}
