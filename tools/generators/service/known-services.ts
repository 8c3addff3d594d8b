/**
 * The services Arbor plans (what each owns, answers and emits), for the module's doc comment, and
 * the ones that scale with load (a HorizontalPodAutoscaler by default). Ports are not here: they come
 * from docs/runtime-names.md, the one table everything else reads.
 */
export interface KnownService {
  owns: string;
  answers: string;
  emits: string;
  autoscaled: boolean;
}

export const KNOWN_SERVICES: Readonly<Record<string, KnownService>> = {
  identity: {
    owns:
      'practices, users, memberships (user × practice × roles), credentials, MFA, refresh tokens, invitations, ' +
      'provider & practice profiles, directory listing',
    answers:
      'sign-up, login, refresh, logout, switch role, invite staff, invite/activate client portal account, ' +
      'profile read/update, directory search',
    emits: 'practice.created, membership.changed, user.invited, profile.published',
    autoscaled: false,
  },
  'client-records': {
    owns: 'clients (Info section), client ↔ provider assignments, client portal link',
    answers: 'create/list/get/update client, assign providers',
    emits: 'client.created, client.updated, client.providers-assigned',
    autoscaled: false,
  },
  notes: {
    owns: 'profile notes (append-only), addenda, note access audit',
    answers: 'add note, add addendum, list/get visible notes',
    emits: 'note.added',
    autoscaled: false,
  },
  'service-enablement': {
    owns:
      'per-practice services (Client Billing, Telehealth Video, Secure Messaging, Documents, Directory Listing), ' +
      'enabled flag, assigned providers',
    answers: 'list services, enable/disable, assign providers',
    emits: 'service.changed',
    autoscaled: false,
  },
  invoicing: {
    owns: 'invoices, their numbers, status history, applied payments/refunds',
    answers:
      'create+send, list (practice / client / my own as client), get, forgive, void, record payment, refund, pay',
    emits: 'invoice.sent, invoice.paid, invoice.refunded, invoice.forgiven, invoice.voided',
    autoscaled: true,
  },
  payments: {
    owns:
      'processor accounts and their credentials (encrypted), sales-tax settings and calculation, payment attempts, ' +
      'refunds, processor webhooks',
    answers:
      'processor CRUD + test connection, tax settings, tax quote, client payment config, charge, refund, void',
    emits: 'payment.succeeded, payment.failed, refund.succeeded',
    autoscaled: true,
  },
  notifications: {
    owns: 'in-app alerts, email deliveries, preferences',
    answers: 'list my alerts, mark read',
    emits: 'alert.created (the gateway pushes it over SSE)',
    autoscaled: true,
  },
};
