import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { Registry } from 'prom-client';
import type { Logger } from '@arbor/observability';
import { JobQueue } from './job-queue.client';
import { JobWorker, type JobWorkerOptions } from './job-worker';
import { registerJobsMetrics } from './jobs-metrics';
import { jobHandlersOf, type JobHandlerBinding } from './processes-job.decorator';

export interface ServiceJobsOptions extends Omit<JobWorkerOptions, 'queue' | 'logger'> {
  readonly service: string;
  readonly namespace: string;
  readonly logger: Logger;
}

/** Makes the service's {@link JobQueue} injectable in every module of the service. */
@Module({})
export class JobsModule {
  static forRoot(queue: JobQueue): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: JobQueue, useValue: queue }],
      exports: [JobQueue],
    };
  }
}

/**
 * A service's jobs: its queue, and a worker running the `@ProcessesJob` methods of its
 * providers. The service host creates it when the service runs jobs, starts it with the
 * service, adds Redis to its readiness and stops it first on the way down.
 */
export class ServiceJobs {
  readonly queue: JobQueue;
  readonly module: DynamicModule;
  private worker: JobWorker | null = null;

  constructor(private readonly options: ServiceJobsOptions) {
    this.queue = new JobQueue(options);
    this.module = JobsModule.forRoot(this.queue);
  }

  /** For `/health/ready`. */
  readonly check = (): Promise<void> => this.queue.ping();

  registerMetrics(registry: Registry): void {
    registerJobsMetrics(registry, this.queue);
  }

  /** Finds the handlers among the app's providers, declares their schedules, starts the worker. */
  async start(app: INestApplicationContext): Promise<void> {
    const { logger, ...rest } = this.options;
    this.worker = new JobWorker(
      { ...rest, queue: this.queue, logger: logger.child({ component: 'jobs' }) },
      discoverJobHandlers(app),
    );
    await this.worker.start();
  }

  /** Stops taking jobs; running ones finish (within the grace period). */
  async stopWorker(): Promise<void> {
    await this.worker?.stop();
  }

  async close(): Promise<void> {
    await this.stopWorker();
    await this.queue.close();
  }
}

export function discoverJobHandlers(app: INestApplicationContext): JobHandlerBinding[] {
  const discovery = app.get(DiscoveryService, { strict: false });
  const seen = new Set<object>();
  const bindings: JobHandlerBinding[] = [];
  for (const wrapper of [...discovery.getProviders(), ...discovery.getControllers()]) {
    const instance: unknown = wrapper.instance;
    if (typeof instance !== 'object' || instance === null || seen.has(instance)) continue;
    seen.add(instance);
    bindings.push(...jobHandlersOf(instance));
  }
  return bindings;
}
