import type { ProcessorType } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import {
  createProcessor,
  sandboxEndpoints,
  type ProcessorCredentialsByType,
  type ProcessorEndpoints,
} from '../processors/processor-factory';
import type { Credentials } from './processor-account';
import type { ProcessorConnections } from './processor-connections';

/** "Test connection" through the real adapters: at the processors, or at the sandbox when configured. */
export function adapterConnections(sandboxUrl: string | undefined, logger: Logger): ProcessorConnections {
  const endpoints: ProcessorEndpoints = sandboxUrl ? sandboxEndpoints(sandboxUrl) : {};
  return {
    test: (type: ProcessorType, credentials: Credentials) =>
      createProcessor(type, credentials as unknown as ProcessorCredentialsByType[typeof type], endpoints, {
        logger,
      }).testConnection(),
  };
}
