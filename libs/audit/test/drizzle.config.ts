import { defineConfig } from 'drizzle-kit';

// Migrations for the audit library's own tests: the table, then the append-only trigger as a
// custom migration, exactly as a service that mounts the audit log carries them.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./libs/audit/src/audit-log.schema.ts'],
  out: './libs/audit/test/migrations',
});
