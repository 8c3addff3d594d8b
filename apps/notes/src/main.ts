import 'reflect-metadata';
import { startService, stopOnSignals } from '@arbor/messaging';
import { loadNotesConfig, SERVICE_NAME } from './notes.config';
import { NotesModule } from './notes.module';

async function main(): Promise<void> {
  const config = loadNotesConfig();
  const running = await startService({
    service: SERVICE_NAME,
    module: NotesModule.forRoot({ keys: config.keyEncryptionKeys }),
    config,
  });
  stopOnSignals(running);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
