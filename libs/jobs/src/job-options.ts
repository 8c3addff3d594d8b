import type { JobsOptions } from 'bullmq';
import { retryPolicy, type JobContract, type RetryPolicy } from './job-contract';

/**
 * Finished jobs are kept for a while and then trimmed, so Redis never grows without bound:
 * completed ones long enough to absorb a duplicate enqueue (their id is remembered), failed
 * ones long enough for someone to look at them and act.
 */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 };
export const KEEP_FAILED = { age: 14 * 24 * 3600, count: 10_000 };

export interface EnqueueOptions {
  /**
   * Makes the enqueue idempotent: while a job with this id exists (waiting, running, or
   * finished and still kept), enqueueing it again does nothing. Derive it from what caused the
   * job (the event or entity id), never from the clock.
   */
  readonly jobId?: string;
  /** Runs it no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
  /** Overrides the contract's retry policy for this one job. */
  readonly retry?: Partial<RetryPolicy>;
}

/** Where a service's jobs live in Redis: `<namespace>:jobs:<service>:…`. */
export function jobsKeyPrefix(namespace: string): string {
  return `${namespace}:jobs`;
}

/** Every connection says whose it is in `CLIENT LIST`: operators (and tests) can find it. */
export function jobsConnectionName(namespace: string, service: string, role: 'queue' | 'worker'): string {
  return `${jobsKeyPrefix(namespace)}:${service}:${role}`;
}

/**
 * BullMQ forbids `:` in ids; the job's name is part of the id so that two kinds of job derived
 * from the same entity id never collide.
 */
export function bullJobId(contract: JobContract, jobId: string): string {
  if (jobId === '' || jobId.includes(':')) {
    throw new Error(`job id "${jobId}" for ${contract.name} must be non-empty and contain no ":"`);
  }
  return `${contract.name}/${jobId}`;
}

/** The BullMQ options of one job: its retries with exponential backoff and jitter, its retention. */
export function bullJobOptions(contract: JobContract, options: EnqueueOptions = {}): JobsOptions {
  const retry = retryPolicy(contract.retry, options.retry);
  return {
    attempts: retry.attempts,
    backoff: { type: 'exponential', delay: retry.backoffMs, jitter: retry.jitter },
    removeOnComplete: KEEP_COMPLETED,
    removeOnFail: KEEP_FAILED,
    ...(options.delayMs !== undefined ? { delay: options.delayMs } : {}),
    ...(options.jobId !== undefined ? { jobId: bullJobId(contract, options.jobId) } : {}),
  };
}

/** Reconnects for ever, quickly at first; a Redis restart or a dropped connection heals itself. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 10), 3000);
}

/**
 * Workers wait on Redis for as long as it takes (`maxRetriesPerRequest: null`, which BullMQ
 * requires): a worker is never told to give up on a job because Redis blinked. A queue (the
 * enqueueing side) gives up after a few reconnections so that its caller learns of an outage
 * instead of hanging; an enqueue that failed is retried by its caller (an event redelivery).
 */
export function redisOptions(
  connectionName: string,
  role: 'queue' | 'worker',
): {
  connectionName: string;
  retryStrategy: (attempt: number) => number;
  maxRetriesPerRequest: number | null;
} {
  return {
    connectionName,
    retryStrategy: reconnectDelayMs,
    maxRetriesPerRequest: role === 'worker' ? null : 10,
  };
}
