import { z } from 'zod';
import { HealthReport } from '../system/health-report';
import { route } from './route.types';

/** What anyone may know: the platform answers, or it does not. */
export const PublicHealth = z.object({ status: z.literal('up') });
/** Each service's readiness as the gateway sees it over the bus. */
export const ServicesHealth = z.object({ ready: z.boolean(), services: HealthReport.shape.services });
export type ServicesHealth = z.infer<typeof ServicesHealth>;

export const GetHealthRoute = route({
  operationId: 'getHealth',
  method: 'GET',
  path: '/api/v1/health',
  summary: 'Whether Arbor can serve requests: every service answers over the message bus',
  description: 'A 503 problem (naming no service) when any service is not ready.',
  tags: ['System'],
  access: 'public',
  responses: { 200: PublicHealth },
});

export const GetServicesHealthRoute = route({
  operationId: 'getServicesHealth',
  method: 'GET',
  path: '/api/v1/health/services',
  summary: "Each service's readiness, gathered over the message bus",
  tags: ['System'],
  access: ['admin'],
  responses: { 200: ServicesHealth },
});

export const SYSTEM_ROUTES = [GetHealthRoute, GetServicesHealthRoute] as const;
