import type { Clock } from '@arbor/clock';
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

/**
 * The real adapters ("test connection", payments): at the processors, or at the sandbox when
 * configured. The adapters read the time from the service's Clock (webhook freshness).
 */
export function adapterConnections(
  sandboxUrl: string | undefined,
  logger: Logger,
  clock: Clock,
): ProcessorConnections {
  const endpoints: ProcessorEndpoints = sandboxUrl ? sandboxEndpoints(sandboxUrl) : {};
  const now = () => clock.now().getTime();
  const adapter = (type: ProcessorType, credentials: Credentials) =>
    createProcessor(type, credentials as unknown as ProcessorCredentialsByType[typeof type], endpoints, {
      logger,
      now,
    });
  return {
    test: (type, credentials) => adapter(type, credentials).testConnection(),
    adapter,
  };
}
