import type { z } from 'zod';

/**
 * Job names follow the message names: `<service>.<subject>.<verb>.v<N>`. The first part names
 * the service that owns the job and its queue. A published name is never edited; a payload that
 * changes incompatibly is a new `v<N+1>` handled beside the old one until the old queue drains.
 */
const JOB_NAME = /^([a-z][a-z0-9-]*)\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** How often a job is tried, and how long it waits between tries. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The wait before the first retry; it doubles at each further retry. */
  readonly backoffMs: number;
  /**
   * Share of each wait that is random (0 to 1): retries of many jobs that failed together (a
   * provider down) spread out instead of hitting it again all at the same moment.
   */
  readonly jitter: number;
}

/** A few retries over about a minute: enough for a provider's blip, not for an outage. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, backoffMs: 2000, jitter: 0.5 };

export interface JobContract<TName extends string = string, TPayload extends z.ZodType = z.ZodType> {
  readonly kind: 'job';
  readonly name: TName;
  /** The owning service: its queue is the only one this job goes to. */
  readonly service: string;
  readonly payload: TPayload;
  readonly retry: RetryPolicy;
}

export type JobPayload<J extends JobContract> = z.infer<J['payload']>;
/** What a caller passes: before zod's defaults and transforms. */
export type JobInput<J extends JobContract> = z.input<J['payload']>;

/** Binds a versioned job name to the zod schema of its payload (and, if it needs, its retries). */
export function job<N extends string, TPayload extends z.ZodType>(
  name: N,
  payload: TPayload,
  options: { retry?: Partial<RetryPolicy> } = {},
): JobContract<N, TPayload> {
  const match = JOB_NAME.exec(name);
  if (!match) throw new Error(`job name "${name}" does not follow <service>.<subject>.<verb>.v<N>`);
  const retry = retryPolicy(DEFAULT_RETRY, options.retry);
  return Object.freeze({ kind: 'job', name, service: match[1]!, payload, retry });
}

/** A policy with some fields overridden, checked: a typo here would silently stop retries. */
export function retryPolicy(base: RetryPolicy, override: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = { ...base, ...definedOnly(override) };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1) {
    throw new Error(`retry attempts must be a whole number ≥ 1, not ${policy.attempts}`);
  }
  if (!(policy.backoffMs >= 0)) throw new Error(`retry backoffMs must be ≥ 0, not ${policy.backoffMs}`);
  if (!(policy.jitter >= 0 && policy.jitter <= 1)) {
    throw new Error(`retry jitter must be between 0 and 1, not ${policy.jitter}`);
  }
  return Object.freeze(policy);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
