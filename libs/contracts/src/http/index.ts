import { ALERTS_ROUTES } from './alerts-api.types';
import { BILLING_SETUP_ROUTES } from './billing-setup-api.types';
import { CLIENTS_ROUTES } from './clients-api.types';
import { DIRECTORY_ROUTES } from './directory-api.types';
import { EMAIL_DELIVERIES_ROUTES } from './email-deliveries-api.types';
import { IDENTITY_ROUTES } from './identity-api.types';
import { INVOICES_ROUTES } from './invoices-api.types';
import { NOTES_ROUTES } from './notes-api.types';
import type { HttpRoute } from './route.types';
import { SERVICES_ROUTES } from './services-api.types';
import { SYSTEM_ROUTES } from './system-api.types';
import { WEBHOOKS_ROUTES } from './webhooks-api.types';

export * from './page.types';
export * from './route.types';
export * from './identity-api.types';
export * from './services-api.types';
export * from './billing-setup-api.types';
export * from './clients-api.types';
export * from './system-api.types';
export * from './notes-api.types';
export * from './alerts-api.types';
export * from './invoices-api.types';
export * from './email-deliveries-api.types';
export * from './webhooks-api.types';
export * from './directory-api.types';

/** Every operation of the public HTTP API. */
export const HTTP_ROUTES: readonly HttpRoute[] = [
  ...SYSTEM_ROUTES,
  ...IDENTITY_ROUTES,
  ...SERVICES_ROUTES,
  ...BILLING_SETUP_ROUTES,
  ...CLIENTS_ROUTES,
  ...NOTES_ROUTES,
  ...ALERTS_ROUTES,
  ...INVOICES_ROUTES,
  ...EMAIL_DELIVERIES_ROUTES,
  ...WEBHOOKS_ROUTES,
  ...DIRECTORY_ROUTES,
];
