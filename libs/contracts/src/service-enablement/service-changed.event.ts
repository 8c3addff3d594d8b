import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';
import { ServiceKey } from './practice-service.types';

/**
 * A practice's service changed: enabled, disabled, or its providers. Other services keep their
 * own answer to "may this provider use it here?" from this (invoicing: who may bill).
 */
export const ServiceChanged = event('service-enablement.service.changed.v1', {
  data: z.object({ practiceId: Id, key: ServiceKey, enabled: z.boolean(), providerIds: z.array(Id) }),
});
