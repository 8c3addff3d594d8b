// Real: Redis, BullMQ, a worker in a child process killed with SIGKILL mid-job. Faked: nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ProcessesJob, type JobRun } from './processes-job.decorator';
import { createJobsWorld, type JobsWorld } from '../test/fixtures/jobs-world';
import { DoWork } from '../test/fixtures/work.job';

// Short enough for a test; the defaults (30 s lock, 15 s check) suit production.
const LOCK_MS = 1500;
const STALLED_CHECK_MS = 500;

describe('a worker killed mid-job', () => {
  let world: JobsWorld;

  beforeEach(async () => {
    world = await createJobsWorld('stalled');
  });
  afterEach(() => world.teardown());

  it('leaves the job to another worker, which runs it to completion exactly once', async () => {
    const started = world.key('started');
    const completions = world.key('completions');
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        path.join(__dirname, '../test/fixtures/hanging-worker.main.ts'),
        world.redisUrl,
        world.namespace,
        started,
        String(LOCK_MS),
        String(STALLED_CHECK_MS),
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, SWC_NODE_PROJECT: path.join(__dirname, '../../../tsconfig.base.json') },
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, sig) => resolve(sig)),
    );
    try {
      // BLPOP waits for the child's own signal: first that it is ready, then that it took the job.
      const signals = world.redis.duplicate();
      try {
        expect(await signals.blpop(started, 60)).toEqual([started, 'ready']);
        const id = await world.queue.enqueue(DoWork, { n: 1 }, { jobId: 'crash-1' });
        expect(await signals.blpop(started, 30)).toEqual([started, `child:${id}`]);
      } finally {
        signals.disconnect();
      }
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const id = 'fixture.work.run.v1/crash-1';
    expect(await world.queue.bull.getJobState(id)).toBe('active'); // claimed by a dead worker

    class Survivor {
      @ProcessesJob(DoWork)
      async run(_payload: { n: number }, run: JobRun): Promise<void> {
        await world.redis.rpush(completions, run.jobId);
      }
    }
    await world.startWorker(new Survivor(), { lockDurationMs: LOCK_MS, stalledIntervalMs: STALLED_CHECK_MS });
    await world.finished(id);

    expect(await world.redis.lrange(completions, 0, -1)).toEqual([id]);
    expect(await world.queue.bull.getJobState(id)).toBe('completed');
  });
});
