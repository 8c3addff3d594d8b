import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ArborError, fieldErrors } from '@arbor/contracts';
import type { JobContract, JobInput } from './job-contract';
import {
  bullJobOptions,
  jobsConnectionName,
  jobsKeyPrefix,
  redisOptions,
  type EnqueueOptions,
} from './job-options';

export interface JobQueueOptions {
  /** The owning service: the queue's name, and the only service whose jobs it takes. */
  readonly service: string;
  readonly redisUrl: string;
  /** Keeps deployments (and parallel test runs) sharing one Redis apart: the bus namespace. */
  readonly namespace: string;
}

/**
 * A service's own job queue: what its code uses to enqueue work. Payloads are validated here,
 * before anything reaches Redis, so a job that is in the queue always had a valid payload.
 */
export class JobQueue {
  readonly service: string;
  readonly namespace: string;
  /** @internal the BullMQ queue, for the worker, the schedules and the failed-jobs query. */
  readonly bull: Queue;
  private readonly redis: Redis;

  constructor(options: JobQueueOptions) {
    this.service = options.service;
    this.namespace = options.namespace;
    this.redis = new Redis(
      options.redisUrl,
      redisOptions(jobsConnectionName(options.namespace, options.service, 'queue'), 'queue'),
    );
    // ioredis reports a dropped connection as an 'error' event too; without a listener Node
    // would treat it as unhandled. It reconnects by itself, and readiness says Redis is down.
    this.redis.on('error', () => undefined);
    this.bull = new Queue(options.service, {
      connection: this.redis,
      prefix: jobsKeyPrefix(options.namespace),
    });
    this.bull.on('error', () => undefined);
  }

  /**
   * Validates the payload against the job's contract and adds the job. An invalid payload is
   * refused with `validation_failed` naming the fields, and nothing is enqueued. With a
   * `jobId`, enqueueing the same job again is harmless. Resolves with the job's id.
   */
  async enqueue<J extends JobContract>(
    contract: J,
    payload: JobInput<J>,
    options: EnqueueOptions = {},
  ): Promise<string> {
    if (contract.service !== this.service) {
      throw new Error(`${contract.name} belongs to ${contract.service}; ${this.service} cannot enqueue it`);
    }
    const parsed = contract.payload.safeParse(payload);
    if (!parsed.success) {
      throw ArborError.validation(`invalid ${contract.name} payload`, fieldErrors(parsed.error));
    }
    const added = await this.bull.add(contract.name, parsed.data, bullJobOptions(contract, options));
    if (added.id === undefined) throw new Error(`Redis gave no id for the new ${contract.name} job`);
    return added.id;
  }

  /** For readiness: Redis answers this service. */
  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    // With Redis away there is nothing to flush: waiting for it would only hold the stop up.
    if (this.redis.status !== 'ready') this.redis.disconnect();
    await this.bull.close();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
