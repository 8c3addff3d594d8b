import { z } from 'zod';
import { Id } from '../common';
import { PracticeServiceView, ServiceKey } from '../service-enablement/practice-service.types';
import { UpdateServiceBody } from '../service-enablement/update-service.command';
import { route } from './route.types';

/**
 * The catalogue is fixed and small (one entry per {@link ServiceKey}), so it is answered whole,
 * as a plain array, not as a page.
 */
export const ListServicesRoute = route({
  operationId: 'listServices',
  method: 'GET',
  path: '/api/v1/practices/{pid}/services',
  summary: "The practice's services (the whole, fixed catalogue), enabled or not, with their providers",
  tags: ['Services'],
  access: ['admin', 'provider'],
  params: z.object({ pid: Id }),
  responses: { 200: z.array(PracticeServiceView).max(ServiceKey.options.length) },
});

export const UpdateServiceRoute = route({
  operationId: 'updateService',
  method: 'PATCH',
  path: '/api/v1/practices/{pid}/services/{key}',
  summary: 'Enable or disable a service, and/or set its providers',
  tags: ['Services'],
  access: ['admin'],
  params: z.object({ pid: Id, key: ServiceKey }),
  body: UpdateServiceBody,
  responses: { 200: PracticeServiceView },
});

export const SERVICES_ROUTES = [ListServicesRoute, UpdateServiceRoute] as const;
