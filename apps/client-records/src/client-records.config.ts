import { readServiceHostConfig, type Environment, type ServiceHostConfig } from '@arbor/messaging';

export const SERVICE_NAME = 'client-records';

export type ClientRecordsConfig = ServiceHostConfig;

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadClientRecordsConfig(env: Environment = process.env): ClientRecordsConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9402 });
}
