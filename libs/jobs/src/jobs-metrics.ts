import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';
import type { JobQueue } from './job-queue.client';

/**
 * Job runs, created once per process and registered into the service's registry (the one its
 * ops port serves), like the bus's metrics.
 */
export const jobsMetrics = {
  runs: new Counter({
    name: 'arbor_job_runs_total',
    help: 'Job runs, by queue, job and outcome (completed, retried, failed: no try left)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [],
  }),
  duration: new Histogram({
    name: 'arbor_job_run_duration_seconds',
    help: 'Time a job run took, by queue and job',
    labelNames: ['queue', 'job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [],
  }),
};

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const COUNT_TIMEOUT_MS = 1000;

/**
 * Registers the run metrics, and a gauge read from Redis at each scrape: jobs by state in the
 * service's queue. `state="failed"` is what an operator alerts on: jobs that used up their
 * tries and wait for someone (they are listed by `listFailedJobs`).
 */
export function registerJobsMetrics(registry: Registry, queue: JobQueue): void {
  const metrics: Array<[string, Metric]> = [
    ['arbor_job_runs_total', jobsMetrics.runs],
    ['arbor_job_run_duration_seconds', jobsMetrics.duration],
  ];
  for (const [name, metric] of metrics) {
    if (!registry.getSingleMetric(name)) registry.registerMetric(metric);
  }
  if (registry.getSingleMetric('arbor_jobs')) return;
  registry.registerMetric(
    new Gauge({
      name: 'arbor_jobs',
      help: 'Jobs in the queue, by state (failed: kept after their last try)',
      labelNames: ['queue', 'state'] as const,
      registers: [],
      // A scrape while Redis is away still answers, with the last counts, and quickly.
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        try {
          const counts = await Promise.race([
            queue.bull.getJobCounts(...STATES),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error('Redis did not answer')), COUNT_TIMEOUT_MS);
            }),
          ]);
          for (const state of STATES) this.set({ queue: queue.service, state }, counts[state] ?? 0);
        } catch {
          // the previous values stand; readiness reports Redis down
        } finally {
          clearTimeout(timer);
        }
      },
    }),
  );
}
