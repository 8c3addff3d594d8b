import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadNotificationsConfig, SERVICE_NAME } from './notifications.config';
import { NotificationsModule } from './notifications.module';

async function main(): Promise<void> {
  const config = loadNotificationsConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: NotificationsModule.forRoot({ email: config.email }),
    config,
    // Its @ProcessesJob methods run with it; any provider may inject JobQueue (libs/jobs).
    jobs: config.jobs,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
