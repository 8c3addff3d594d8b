import type { JobQueue } from './job-queue.client';

/** A job that used up its tries (or was refused at once), as an admin screen shows it. */
export interface FailedJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  /** Runs made, the last one included. */
  readonly attempts: number;
  readonly lastError: string;
  readonly failedAt: Date;
}

/**
 * The service's failed jobs, newest first. They stay in Redis for a bounded time (see
 * `KEEP_FAILED`): long enough to look at, retry by hand or fix the cause.
 */
export async function listFailedJobs(
  queue: JobQueue,
  { limit = 50 }: { limit?: number } = {},
): Promise<FailedJob[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`limit must be a whole number ≥ 1, not ${limit}`);
  const jobs = await queue.bull.getFailed(0, limit - 1);
  return jobs.flatMap((job) =>
    job.id === undefined
      ? []
      : [
          {
            id: job.id,
            name: job.name,
            payload: job.data as unknown,
            attempts: job.attemptsMade,
            lastError: job.failedReason,
            failedAt: new Date(job.finishedOn ?? job.timestamp),
          },
        ],
  );
}
