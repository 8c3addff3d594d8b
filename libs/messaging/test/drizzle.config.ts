import { defineConfig } from 'drizzle-kit';

// Migrations for the messaging library's own tests: the outbox/inbox tables plus a fixture table.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './libs/messaging/src/events/outbox-inbox.schema.ts',
    './libs/messaging/test/fixtures/effects.schema.ts',
  ],
  out: './libs/messaging/test/migrations',
});
