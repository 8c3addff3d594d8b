import { readServiceHostConfig, type Environment, type ServiceHostConfig } from '@arbor/messaging';

export const SERVICE_NAME = 'notes';

export type NotesConfig = ServiceHostConfig;

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadNotesConfig(env: Environment = process.env): NotesConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9403 });
}
