import { readServiceHostConfig, type Environment, type ServiceHostConfig } from '@arbor/messaging';

export const SERVICE_NAME = 'service-enablement';

export type ServiceEnablementConfig = ServiceHostConfig;

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadServiceEnablementConfig(env: Environment = process.env): ServiceEnablementConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9404 });
}
