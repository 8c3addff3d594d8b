import path from 'node:path';
import { migrateDatabase, redactUrl } from '@arbor/database';
import { loadDirectoryConfig, SERVICE_NAME } from './directory.config';

/** The migrate step: run before the service starts (npm start, compose, the Kubernetes Job). */
async function main(): Promise<void> {
  const { databaseUrl } = loadDirectoryConfig();
  const { created } = await migrateDatabase(databaseUrl, path.join(__dirname, '..', 'migrations'));
  console.log(`${SERVICE_NAME}: ${created ? 'created and ' : ''}migrated ${redactUrl(databaseUrl)}`);
}

main().catch((error: unknown) => {
  console.error(`${SERVICE_NAME}: migration failed:`, error);
  process.exit(1);
});
