import { defineConfig } from 'drizzle-kit';

// Generates this service's migrations from its schema files and the outbox/inbox tables every
// service carries (and the shared audit log's table; its append-only trigger is a custom
// migration, AUDIT_LOG_APPEND_ONLY_SQL in libs/audit). `npm run db:generate -- invoicing`; never edit a
// generated file.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './libs/messaging/src/events/outbox-inbox.schema.ts',
    './libs/audit/src/audit-log.schema.ts',
    './apps/invoicing/src/invoices/invoices.schema.ts',
    './apps/invoicing/src/read-models/read-models.schema.ts',
  ],
  out: './apps/invoicing/migrations',
});
