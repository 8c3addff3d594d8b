import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadDirectoryConfig, SERVICE_NAME } from './directory.config';
import { DirectoryModule } from './directory.module';

async function main(): Promise<void> {
  const config = loadDirectoryConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: DirectoryModule.forRoot(),
    config,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
