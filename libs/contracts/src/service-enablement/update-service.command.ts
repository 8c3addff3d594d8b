import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { PracticeServiceView, ServiceKey } from './practice-service.types';

export const UpdateServiceBody = z
  .object({
    enabled: z.boolean().optional(),
    providerIds: z
      .array(Id)
      .max(500)
      .refine((ids) => new Set(ids).size === ids.length, 'lists a provider twice')
      .optional(),
  })
  .refine(
    (body) => body.enabled !== undefined || body.providerIds !== undefined,
    'give enabled, providerIds or both',
  );

/**
 * Admin only. Enables or disables a service and/or sets its providers; only current providers
 * of the practice may be assigned (`validation_failed` naming `providerIds[i]`).
 */
export const UpdateService = command('service-enablement.service.update.v1', {
  payload: z.object({ actor: Actor, key: ServiceKey, changes: UpdateServiceBody }),
  reply: PracticeServiceView,
});
