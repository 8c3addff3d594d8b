import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadPaymentsConfig, SERVICE_NAME } from './payments.config';
import { PaymentsModule } from './payments.module';

async function main(): Promise<void> {
  const config = loadPaymentsConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: PaymentsModule.register({
      keys: config.keyEncryptionKeys,
      processorSandboxUrl: config.processorSandboxUrl,
    }),
    config,
    // The payment recovery job (@ProcessesJob in payments/) runs with it.
    jobs: config.jobs,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
