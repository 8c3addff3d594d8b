import { defineConfig } from 'drizzle-kit';

// Generates this service's migrations from its schema files and the outbox/inbox tables every
// service carries. `npm run db:generate -- directory`; never edit a
// generated file.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './libs/messaging/src/events/outbox-inbox.schema.ts',
    './libs/practice-providers/src/practice-providers.schema.ts',
    './apps/directory/src/read-models/read-models.schema.ts',
    './apps/directory/src/profiles/profiles.schema.ts',
  ],
  out: './apps/directory/migrations',
});
