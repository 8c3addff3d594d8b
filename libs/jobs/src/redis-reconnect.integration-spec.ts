// Real: Redis closing this test's connections (CLIENT KILL) while jobs are enqueued and run.
// Faked: nothing.
import { eventually } from '@arbor/testing';
import { jobsConnectionName, jobsKeyPrefix } from './job-options';
import { ProcessesJob, type JobRun } from './processes-job.decorator';
import { createJobsWorld, type JobsWorld } from '../test/fixtures/jobs-world';
import { DoWork, FIXTURE_SERVICE } from '../test/fixtures/work.job';

describe('Redis dropping connections', () => {
  let world: JobsWorld;

  beforeEach(async () => {
    world = await createJobsWorld('reconnect');
  });
  afterEach(() => world.teardown());

  /** This test's queue and worker connections, found in `CLIENT LIST` by the names they give themselves. */
  async function ownConnectionIds(): Promise<string[]> {
    const names = new Set([
      jobsConnectionName(world.namespace, FIXTURE_SERVICE, 'queue'),
      jobsConnectionName(world.namespace, FIXTURE_SERVICE, 'worker'),
      // BullMQ renames the worker's blocking connection `<prefix>:<base64 of the queue name>`.
      `${jobsKeyPrefix(world.namespace)}:${Buffer.from(FIXTURE_SERVICE).toString('base64')}`,
    ]);
    const list = (await world.redis.call('CLIENT', 'LIST')) as string;
    return list
      .split('\n')
      .map(
        (line) =>
          Object.fromEntries(line.split(' ').map((field) => splitOnce(field, '='))) as Record<string, string>,
      )
      .filter(
        (client) => client['name'] !== undefined && names.has(client['name']) && client['id'] !== undefined,
      )
      .map((client) => client['id']!);
  }

  /**
   * Waits until the queue and the worker are connected (all three connections), then kills
   * exactly those, by id. Never `CLIENT KILL TYPE normal`: this Redis is shared with other
   * engineers and test runs, and that would drop every one of their connections too.
   */
  async function killOwnConnections(): Promise<number> {
    const ids = await eventually(async () => {
      const found = await ownConnectionIds();
      expect(found.length).toBeGreaterThanOrEqual(3);
      return found;
    });
    for (const id of ids) await world.redis.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  }

  it('reconnects by itself, and every job enqueued meanwhile completes exactly once', async () => {
    const runs = world.key('runs');
    class Recorder {
      @ProcessesJob(DoWork)
      async run(payload: { n: number }, _run: JobRun): Promise<void> {
        // The test's own connection, which it never kills: the record is what is checked.
        await world.redis.rpush(runs, String(payload.n));
      }
    }
    // A claim whose reply a kill swallowed is recovered as a stalled job once its lock expires:
    // a shorter lock than production's keeps that wait short. It stays well above a reconnect
    // (well under a second), so a job that is running keeps its lock.
    await world.startWorker(new Recorder(), {
      concurrency: 4,
      lockDurationMs: 5000,
      stalledIntervalMs: 2000,
    });
    const total = 300;
    const killed: number[] = [];
    for (let n = 0; n < total; n += 1) {
      // A job id per job: an enqueue that ioredis resends after a reconnect stays one job.
      await world.queue.enqueue(DoWork, { n }, { jobId: `drop-${n}` });
      if (n % 60 === 30) killed.push(await killOwnConnections());
    }
    // The queue and the worker's two connections, every time.
    expect(killed.length).toBe(5);
    expect(killed.every((count) => count >= 3)).toBe(true);

    await eventually(async () => expect(await world.redis.llen(runs)).toBeGreaterThanOrEqual(total), {
      timeoutMs: 60_000,
    });
    await eventually(async () => expect(await world.queue.bull.getCompletedCount()).toBe(total));
    const recorded = (await world.redis.lrange(runs, 0, -1)).map(Number).sort((a, b) => a - b);
    expect(recorded).toEqual(Array.from({ length: total }, (_, n) => n));
    expect(await world.queue.bull.getFailedCount()).toBe(0);
    // They came back by themselves.
    await eventually(async () => expect((await ownConnectionIds()).length).toBeGreaterThanOrEqual(3));
  });
});

/** `name=abc==` → `['name', 'abc==']`: BullMQ's names end in base64 padding. */
function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
