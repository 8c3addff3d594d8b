import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadServiceEnablementConfig, SERVICE_NAME } from './service-enablement.config';
import { ServiceEnablementModule } from './service-enablement.module';

async function main(): Promise<void> {
  const running = await startService({
    service: SERVICE_NAME,
    module: ServiceEnablementModule.forRoot(),
    config: loadServiceEnablementConfig(),
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
