import { z } from 'zod';
import { query } from '../contract';

export const DependencyState = z.enum(['up', 'down']);
export type DependencyState = z.infer<typeof DependencyState>;

export const Readiness = z.object({
  service: z.string(),
  ready: z.boolean(),
  checks: z.record(z.string(), z.object({ state: DependencyState, error: z.string().optional() })),
});
export type Readiness = z.infer<typeof Readiness>;

/**
 * Every service answers this on its own RPC queue, so the gateway can report each one's
 * readiness as seen over the bus (not just over its HTTP probe port).
 */
export const CheckReadiness = query('system.readiness.check.v1', {
  payload: z.object({}).strict(),
  reply: Readiness,
});
