import type { JobContract, JobPayload } from './job-contract';

/** What a handler learns about the run it is in. */
export interface JobRun {
  readonly jobId: string;
  /** 1 on the first try. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Aborted when the service stops and this run outlives the shutdown grace period. */
  readonly signal: AbortSignal;
}

/** A repeatable job: one schedule per job name, whatever the number of replicas or restarts. */
export type JobSchedule<J extends JobContract = JobContract> = (
  { readonly everyMs: number } | { readonly cron: string; readonly tz?: string }
) & { readonly payload: JobPayload<J> };

export interface ProcessesJobOptions<J extends JobContract> {
  readonly schedule?: JobSchedule<J>;
}

export interface JobHandlerBinding {
  readonly contract: JobContract;
  readonly schedule: JobSchedule | undefined;
  /** `Class.method`, for logs. */
  readonly handlerName: string;
  run(payload: unknown, run: JobRun): Promise<void>;
}

type JobHandler<J extends JobContract> = (payload: JobPayload<J>, run: JobRun) => Promise<void>;

interface DeclaredHandler {
  readonly contract: JobContract;
  readonly schedule: JobSchedule | undefined;
  readonly key: string | symbol;
}

/** Declared handlers by class prototype. */
const declarations = new WeakMap<object, DeclaredHandler[]>();

/**
 * Declares the method of a NestJS provider that runs a job. The worker validates the payload
 * against the contract again before calling it (a job whose payload is invalid fails at once,
 * without retries, and stays in the failed list). Delivery is at least once: a run cut short
 * (a crash, a lost lock) is run again, so the method must be idempotent. With `schedule`, the
 * job is also enqueued on that schedule.
 */
export function ProcessesJob<J extends JobContract>(contract: J, options: ProcessesJobOptions<J> = {}) {
  return <T extends JobHandler<J>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): TypedPropertyDescriptor<T> => {
    if (typeof descriptor.value !== 'function') {
      throw new Error(`@ProcessesJob(${contract.name}) must decorate a method`);
    }
    const declared = declarations.get(target) ?? [];
    declarations.set(target, [...declared, { contract, schedule: options.schedule, key }]);
    return descriptor;
  };
}

/** The job handlers an instance declares, bound to it. */
export function jobHandlersOf(instance: object): JobHandlerBinding[] {
  const declared: DeclaredHandler[] = [];
  for (
    let proto = Object.getPrototypeOf(instance) as object | null;
    proto;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    declared.push(...(declarations.get(proto) ?? []));
  }
  return declared.map(({ contract, schedule, key }) => {
    const method = (instance as Record<string | symbol, unknown>)[key] as (
      payload: unknown,
      run: JobRun,
    ) => Promise<void>;
    return {
      contract,
      schedule,
      handlerName: `${instance.constructor.name}.${String(key)}`,
      run: (payload, run) => method.call(instance, payload, run),
    };
  });
}
