import { z } from 'zod';
import { Id } from '../common';

/** The services a practice can turn on (the Services tab). */
export const ServiceKey = z.enum([
  'client_billing',
  'telehealth_video',
  'secure_messaging',
  'documents',
  'directory_listing',
]);
export type ServiceKey = z.infer<typeof ServiceKey>;

export const SERVICE_NAMES: Record<ServiceKey, string> = {
  client_billing: 'Client Billing',
  telehealth_video: 'Telehealth Video',
  secure_messaging: 'Secure Messaging',
  documents: 'Documents',
  directory_listing: 'Directory Listing',
};

export const PracticeServiceView = z.object({
  key: ServiceKey,
  name: z.string(),
  enabled: z.boolean(),
  /** Providers assigned to the service, in the order the Admin chose them. */
  providerIds: z.array(Id),
});
export type PracticeServiceView = z.infer<typeof PracticeServiceView>;
