import { defineConfig } from 'drizzle-kit';

// Migrations for the service world's own tests: what a service carries (the outbox/inbox tables)
// plus the shared audit log, its append-only trigger as a custom migration.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./libs/messaging/src/events/outbox-inbox.schema.ts', './libs/audit/src/audit-log.schema.ts'],
  out: './libs/service-testing/test/migrations',
});
