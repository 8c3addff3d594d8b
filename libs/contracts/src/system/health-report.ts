import { z } from 'zod';
import { Readiness } from './readiness-check.query';

/** `GET /api/v1/health` when every service is ready; otherwise a 503 problem carrying the same `services` map. */
export const HealthReport = z.object({
  status: z.literal('ok'),
  services: z.record(
    z.string(),
    z.union([Readiness.omit({ service: true }), z.object({ ready: z.literal(false), error: z.string() })]),
  ),
});
export type HealthReport = z.infer<typeof HealthReport>;
