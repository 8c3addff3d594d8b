import { defineConfig } from 'drizzle-kit';

// Generates this service's migrations from its schema files and the outbox/inbox tables every
// service carries. `npm run db:generate -- notifications`; never edit a
// generated file.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './libs/messaging/src/events/outbox-inbox.schema.ts',
    './apps/notifications/src/alerts/alerts.schema.ts',
    './apps/notifications/src/people/people.schema.ts',
    './apps/notifications/src/email/email.schema.ts',
  ],
  out: './apps/notifications/migrations',
});
