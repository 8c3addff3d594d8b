import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadIdentityConfig, SERVICE_NAME } from './identity.config';
import { IdentityModule } from './identity.module';

async function main(): Promise<void> {
  const config = loadIdentityConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: IdentityModule.forRoot(config),
    config,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
