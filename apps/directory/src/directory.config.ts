import { readServiceHostConfig, type Environment, type ServiceHostConfig } from '@arbor/messaging';

export const SERVICE_NAME = 'directory';

export type DirectoryConfig = ServiceHostConfig;

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadDirectoryConfig(env: Environment = process.env): DirectoryConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9408 });
}
