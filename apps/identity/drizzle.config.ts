import { defineConfig } from 'drizzle-kit';

// Generates this service's migrations from its schema files and the outbox/inbox tables every
// service carries. `npm run db:generate -- identity <name>`; never edit a generated file.
export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './libs/messaging/src/events/outbox-inbox.schema.ts',
    './apps/identity/src/practices/practices.schema.ts',
    './apps/identity/src/users/users.schema.ts',
    './apps/identity/src/sessions/sessions.schema.ts',
    './apps/identity/src/invitations/invitations.schema.ts',
    './apps/identity/src/signing-keys/signing-keys.schema.ts',
    './libs/audit/src/audit-log.schema.ts',
  ],
  out: './apps/identity/migrations',
});
