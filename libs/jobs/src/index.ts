/**
 * Background jobs on BullMQ and Redis. A job is a contract (`job(name, payload)`), enqueued by
 * its own service through the injected `JobQueue` (validated, idempotent with a `jobId`) and run
 * by a `@ProcessesJob` method of one of the service's providers: at least once, retried with
 * exponential backoff and jitter, failed jobs kept and listed. A service opts in with
 * `startService({ jobs: readJobsConfig(env, service) })` (see @arbor/messaging).
 */
export {
  job,
  DEFAULT_RETRY,
  type JobContract,
  type JobInput,
  type JobPayload,
  type RetryPolicy,
} from './job-contract';
export { KEEP_COMPLETED, KEEP_FAILED, type EnqueueOptions } from './job-options';
export { JobQueue, type JobQueueOptions } from './job-queue.client';
export {
  ProcessesJob,
  type JobRun,
  type JobSchedule,
  type ProcessesJobOptions,
} from './processes-job.decorator';
export { JobWorker, WORKER_DEFAULTS, type JobWorkerOptions } from './job-worker';
export { JobsModule, ServiceJobs, type ServiceJobsOptions } from './jobs.module';
export { jobsMetrics, registerJobsMetrics } from './jobs-metrics';
export { listFailedJobs, type FailedJob } from './failed-jobs';
