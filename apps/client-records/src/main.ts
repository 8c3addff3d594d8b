import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadClientRecordsConfig, SERVICE_NAME } from './client-records.config';
import { ClientRecordsModule } from './client-records.module';

async function main(): Promise<void> {
  const config = loadClientRecordsConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: ClientRecordsModule.forRoot({ keys: config.keyEncryptionKeys, searchKey: config.searchKey }),
    config,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
