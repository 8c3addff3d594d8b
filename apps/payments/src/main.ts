import 'reflect-metadata';
import { createLogger } from '@arbor/observability';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadPaymentsConfig, SERVICE_NAME } from './payments.config';
import { PaymentsModule } from './payments.module';
import { adapterConnections } from './processor-accounts/adapter-connections';

async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: PaymentsModule.register({
      keys: config.keyEncryptionKeys,
      connections: adapterConnections(
        config.processorSandboxUrl,
        createLogger(`${SERVICE_NAME}.processors`, config.logLevel),
      ),
    }),
    config,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
