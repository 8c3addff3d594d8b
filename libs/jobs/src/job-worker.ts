import { UnrecoverableError, WaitingError, Worker, type Job, type RepeatOptions } from 'bullmq';
import { fieldErrors } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import {
  bullJobOptions,
  jobsConnectionName,
  jobsKeyPrefix,
  KEEP_COMPLETED,
  KEEP_FAILED,
  redisOptions,
} from './job-options';
import type { JobQueue } from './job-queue.client';
import { jobsMetrics } from './jobs-metrics';
import type { JobHandlerBinding, JobSchedule } from './processes-job.decorator';

export interface JobWorkerOptions {
  readonly queue: JobQueue;
  readonly redisUrl: string;
  readonly logger: Logger;
  /** Jobs run at once by this process. */
  readonly concurrency?: number;
  /**
   * How long a running job stays claimed without its worker renewing the claim (renewed every
   * half of it while the job runs). A worker killed mid-job loses the claim after this, and
   * another worker's stalled check (every `stalledIntervalMs`) puts the job back in the queue.
   */
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  /** Times a job may be found stalled and run again before it is failed (a job that kills its worker). */
  readonly maxStalledCount?: number;
  /** On stop, how long a running job may take to finish before it is abandoned to another worker. */
  readonly shutdownGraceMs?: number;
}

type WorkerSettings = Required<Omit<JobWorkerOptions, 'queue' | 'redisUrl' | 'logger'>>;

export const WORKER_DEFAULTS: WorkerSettings = {
  concurrency: 4,
  lockDurationMs: 30_000,
  stalledIntervalMs: 15_000,
  maxStalledCount: 2,
  shutdownGraceMs: 20_000,
};

/**
 * Runs a service's job handlers: one BullMQ worker on the service's queue, dispatching by job
 * name. Each payload is validated again before its handler runs; a failure is retried per the
 * job's policy, and the last one leaves the job in the failed list. Delivery is at least once.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandlerBinding>();
  private readonly settings: WorkerSettings;
  private worker: Worker | null = null;
  private stopping: Promise<void> | null = null;
  private stopRequested = false;

  constructor(
    private readonly options: JobWorkerOptions,
    bindings: readonly JobHandlerBinding[],
  ) {
    this.settings = {
      concurrency: options.concurrency ?? WORKER_DEFAULTS.concurrency,
      lockDurationMs: options.lockDurationMs ?? WORKER_DEFAULTS.lockDurationMs,
      stalledIntervalMs: options.stalledIntervalMs ?? WORKER_DEFAULTS.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount ?? WORKER_DEFAULTS.maxStalledCount,
      shutdownGraceMs: options.shutdownGraceMs ?? WORKER_DEFAULTS.shutdownGraceMs,
    };
    for (const binding of bindings) {
      const { contract } = binding;
      if (contract.service !== options.queue.service) {
        throw new Error(
          `${binding.handlerName} handles ${contract.name}, a job of ${contract.service}, not of ${options.queue.service}`,
        );
      }
      const existing = this.handlers.get(contract.name);
      if (existing) {
        throw new Error(
          `${contract.name} has two handlers: ${existing.handlerName} and ${binding.handlerName}`,
        );
      }
      this.handlers.set(contract.name, binding);
    }
  }

  /** Declares the schedules (idempotent: upserted by job name), then starts taking jobs. */
  async start(): Promise<void> {
    await this.declareSchedules();
    if (this.handlers.size === 0 || this.worker) return;
    const { queue, redisUrl, logger } = this.options;
    const worker = new Worker(queue.service, (job, token, signal) => this.process(job, token, signal), {
      connection: {
        url: redisUrl,
        ...redisOptions(jobsConnectionName(queue.namespace, queue.service, 'worker'), 'worker'),
      },
      prefix: jobsKeyPrefix(queue.namespace),
      autorun: false,
      concurrency: this.settings.concurrency,
      lockDuration: this.settings.lockDurationMs,
      stalledInterval: this.settings.stalledIntervalMs,
      maxStalledCount: this.settings.maxStalledCount,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    // Connection errors are reported here while ioredis reconnects by itself.
    worker.on('error', (error) =>
      logger.warn({ err: error, queue: queue.service }, 'job worker: Redis error'),
    );
    worker.on('stalled', (jobId) =>
      logger.warn(
        { queue: queue.service, jobId },
        'job found stalled (its worker died or hung): it runs again',
      ),
    );
    this.worker = worker;
    worker
      .run()
      .catch((error: unknown) => logger.error({ err: error, queue: queue.service }, 'job worker stopped'));
  }

  /**
   * Stops taking jobs and lets the running ones finish, for up to the grace period; one still
   * running then is told to abort (its signal) and left: its claim expires and another worker
   * runs it again.
   */
  stop(): Promise<void> {
    return (this.stopping ??= this.close());
  }

  private async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopRequested = true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      worker.close().then(() => true),
      new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), this.settings.shutdownGraceMs)),
      ),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.options.logger.warn(
        { queue: this.options.queue.service, graceMs: this.settings.shutdownGraceMs },
        'jobs still running at shutdown: abandoned to another worker',
      );
      worker.cancelAllJobs('the service is stopping');
      await worker.disconnect();
    }
  }

  private async process(job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    const { queue, logger } = this.options;
    // A fetch already under way when the stop began can still hand over a job: give it back.
    if (this.stopRequested && token !== undefined) {
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const labels = { queue: queue.service, job: job.name };
    const context = { queue: queue.service, job: job.name, jobId: job.id, attempt: job.attemptsMade + 1 };
    const binding = this.handlers.get(job.name);
    // A replica of an older version, mid-deploy: the job is retried, by then on a newer one.
    if (!binding) throw new Error(`no handler for ${job.name} in this process`);
    const payload = binding.contract.payload.safeParse(job.data);
    if (!payload.success) {
      const errors = fieldErrors(payload.error);
      jobsMetrics.runs.inc({ ...labels, outcome: 'failed' });
      logger.error({ ...context, errors }, 'job refused: its payload breaks its contract');
      throw new UnrecoverableError(
        `invalid ${job.name} payload: ${errors.map((e) => `${e.path || '(payload)'}: ${e.message}`).join('; ')}`,
      );
    }
    const maxAttempts = job.opts.attempts ?? 1;
    const stopTimer = jobsMetrics.duration.startTimer(labels);
    try {
      await binding.run(payload.data, {
        jobId: job.id ?? '',
        attempt: job.attemptsMade + 1,
        maxAttempts,
        signal: signal ?? new AbortController().signal,
      });
      jobsMetrics.runs.inc({ ...labels, outcome: 'completed' });
    } catch (error) {
      const last = error instanceof UnrecoverableError || job.attemptsMade + 1 >= maxAttempts;
      jobsMetrics.runs.inc({ ...labels, outcome: last ? 'failed' : 'retried' });
      if (last)
        logger.error({ ...context, err: error, handler: binding.handlerName }, 'job failed: no try left');
      else
        logger.warn(
          { ...context, err: error, handler: binding.handlerName },
          'job failed: it will be retried',
        );
      throw error;
    } finally {
      stopTimer();
    }
  }

  /**
   * One scheduler per scheduled job, keyed by the job's name: every replica upserts the same
   * one at each start, so there is one schedule whatever their number. Schedules no handler
   * declares any more are removed, so a dropped job stops firing.
   */
  private async declareSchedules(): Promise<void> {
    const { bull } = this.options.queue;
    const declared = new Set<string>();
    for (const { contract, schedule } of this.handlers.values()) {
      if (!schedule) continue;
      const payload = contract.payload.safeParse(schedule.payload);
      if (!payload.success) {
        throw new Error(`the schedule of ${contract.name} has an invalid payload: ${payload.error.message}`);
      }
      const { jobId: _none, delay: _noDelay, ...template } = bullJobOptions(contract);
      await bull.upsertJobScheduler(contract.name, repeatOptions(schedule), {
        name: contract.name,
        data: payload.data,
        opts: template,
      });
      declared.add(contract.name);
    }
    for (const scheduler of await bull.getJobSchedulers()) {
      if (!declared.has(scheduler.key)) await bull.removeJobScheduler(scheduler.key);
    }
  }
}

function repeatOptions(schedule: JobSchedule): Omit<RepeatOptions, 'key'> {
  return 'everyMs' in schedule
    ? { every: schedule.everyMs }
    : { pattern: schedule.cron, tz: schedule.tz ?? 'UTC' };
}
