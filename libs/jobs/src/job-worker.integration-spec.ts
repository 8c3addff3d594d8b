// Real: Redis, BullMQ. Faked: nothing; the fixture handlers stand in for a service's.
import { z } from 'zod';
import { ArborError } from '@arbor/contracts';
import { createMetricsRegistry } from '@arbor/observability';
import { listFailedJobs } from './failed-jobs';
import { job } from './job-contract';
import { registerJobsMetrics } from './jobs-metrics';
import { ProcessesJob, type JobRun } from './processes-job.decorator';
import { createJobsWorld, deferred, type JobsWorld } from '../test/fixtures/jobs-world';
import { DoomedWork, DoWork } from '../test/fixtures/work.job';

describe('job worker', () => {
  let world: JobsWorld;

  beforeEach(async () => {
    world = await createJobsWorld('worker');
  });
  afterEach(() => world.teardown());

  it('retries a failing job with backoff until it succeeds: three runs, one completion', async () => {
    const attempts: number[] = [];
    class Flaky {
      @ProcessesJob(DoWork)
      async run(_payload: { n: number }, run: JobRun): Promise<void> {
        attempts.push(run.attempt);
        if (run.attempt < 3) throw new Error(`transient failure ${run.attempt}`);
        return Promise.resolve();
      }
    }
    await world.startWorker(new Flaky());
    const id = await world.queue.enqueue(DoWork, { n: 1 });
    await world.finished(id);

    expect(attempts).toEqual([1, 2, 3]);
    const counts = await world.queue.bull.getJobCounts('completed', 'failed', 'waiting', 'delayed', 'active');
    expect(counts).toEqual({ completed: 1, failed: 0, waiting: 0, delayed: 0, active: 0 });
  });

  it('keeps a job that used up its tries, lists it, and counts it in the metrics', async () => {
    let runs = 0;
    class Doomed {
      @ProcessesJob(DoomedWork)
      async run(): Promise<void> {
        runs += 1;
        return Promise.reject(new Error('the provider said no'));
      }
    }
    await world.startWorker(new Doomed());
    const id = await world.queue.enqueue(DoomedWork, { n: 7 }, { jobId: 'doomed-7' });
    await expect(world.finished(id)).rejects.toThrow('the provider said no');

    expect(runs).toBe(2);
    const failed = await listFailedJobs(world.queue, { limit: 10 });
    expect(failed).toEqual([
      {
        id: 'fixture.doomed.run.v1/doomed-7',
        name: 'fixture.doomed.run.v1',
        payload: { n: 7 },
        attempts: 2,
        lastError: 'the provider said no',
        failedAt: expect.any(Date),
      },
    ]);
    expect(Math.abs(failed[0]!.failedAt.getTime() - Date.now())).toBeLessThan(60_000);

    const registry = createMetricsRegistry('fixture');
    registerJobsMetrics(registry, world.queue);
    const text = await registry.metrics();
    expect(text).toMatch(/^arbor_jobs\{queue="fixture",state="failed",service="fixture"\} 1$/m);
    expect(text).toMatch(
      /^arbor_job_runs_total\{queue="fixture",job="fixture.doomed.run.v1",outcome="retried",service="fixture"\} 1$/m,
    );
    expect(text).toMatch(
      /^arbor_job_runs_total\{queue="fixture",job="fixture.doomed.run.v1",outcome="failed",service="fixture"\} 1$/m,
    );
  });

  it('refuses an invalid payload at enqueue, naming the field, and the queue holds nothing', async () => {
    const refused = await world.queue.enqueue(DoWork, { n: -1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ArborError);
    expect(refused).toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ path: 'n', message: expect.stringMatching(/>=0|0/) }] },
    });
    const counts = await world.queue.bull.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
    expect(Object.values(counts)).toEqual([0, 0, 0, 0, 0]);
    expect(await world.queue.bull.count()).toBe(0);
  });

  it('fails at once, without retries, a job whose payload breaks its contract on the worker side', async () => {
    let ran = false;
    class Strict {
      @ProcessesJob(DoWork)
      async run(): Promise<void> {
        ran = true;
        return Promise.resolve();
      }
    }
    await world.startWorker(new Strict());
    // Bypasses enqueue, as a producer of an older version (or a hand edit in Redis) would.
    const raw = await world.queue.bull.add(DoWork.name, { n: 'seven' }, { attempts: 3 });
    await expect(world.finished(raw.id!)).rejects.toThrow(/invalid fixture.work.run.v1 payload: n:/);

    expect(ran).toBe(false);
    const [failed] = await listFailedJobs(world.queue);
    expect(failed).toMatchObject({ id: raw.id, attempts: 1, payload: { n: 'seven' } });
  });

  it('enqueues the same logical job once when given the same job id', async () => {
    const first = await world.queue.enqueue(DoWork, { n: 1 }, { jobId: 'invoice-42' });
    const again = await world.queue.enqueue(DoWork, { n: 1 }, { jobId: 'invoice-42' });
    expect(again).toBe(first);
    expect(await world.queue.bull.count()).toBe(1);
  });

  it('refuses a job of another service: queues are private to their service', async () => {
    const Foreign = job('payments.attempts.recover.v1', z.object({}));
    await expect(world.queue.enqueue(Foreign, {})).rejects.toThrow(
      /belongs to payments; fixture cannot enqueue it/,
    );
  });

  it('on stop takes no new job and lets the running one finish', async () => {
    const started = deferred();
    const release = deferred();
    const order: string[] = [];
    class Slow {
      @ProcessesJob(DoWork)
      async run(payload: { n: number }): Promise<void> {
        order.push(`started ${payload.n}`);
        started.resolve();
        await release.promise;
        order.push(`finished ${payload.n}`);
      }
    }
    const worker = await world.startWorker(new Slow());
    const running = await world.queue.enqueue(DoWork, { n: 1 });
    await started.promise;

    const stopping = worker.stop().then(() => order.push('stopped'));
    const queued = await world.queue.enqueue(DoWork, { n: 2 });
    release.resolve();
    await stopping;

    expect(order).toEqual(['started 1', 'finished 1', 'stopped']);
    expect(await world.queue.bull.getJobState(running)).toBe('completed');
    expect(await world.queue.bull.getJobState(queued)).toBe('waiting');
  });

  it('on stop abandons a job that outlives the grace period, aborting its signal', async () => {
    const started = deferred<AbortSignal>();
    class Stuck {
      @ProcessesJob(DoWork)
      async run(_payload: { n: number }, run: JobRun): Promise<void> {
        started.resolve(run.signal);
        await new Promise<void>((resolve) => run.signal.addEventListener('abort', () => resolve()));
        throw new Error('aborted');
      }
    }
    const worker = await world.startWorker(new Stuck(), { shutdownGraceMs: 200 });
    await world.queue.enqueue(DoWork, { n: 1 });
    const signal = await started.promise;
    expect(signal.aborted).toBe(false);
    await worker.stop();
    expect(signal.aborted).toBe(true);
  });
});
