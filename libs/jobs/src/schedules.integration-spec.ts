// Real: Redis, BullMQ job schedulers. Faked: nothing.
import { ProcessesJob } from './processes-job.decorator';
import { createJobsWorld, deferred, type JobsWorld } from '../test/fixtures/jobs-world';
import { DoWork, Tick } from '../test/fixtures/work.job';

describe('repeatable jobs', () => {
  let world: JobsWorld;

  beforeEach(async () => {
    world = await createJobsWorld('schedules');
  });
  afterEach(() => world.teardown());

  function clock(everyMs: number, onTick: (source: string) => void) {
    class Clock {
      @ProcessesJob(Tick, { schedule: { everyMs, payload: { source: 'schedule' } } })
      async tick(payload: { source: string }): Promise<void> {
        onTick(payload.source);
        return Promise.resolve();
      }
    }
    return new Clock();
  }

  it('fires on its schedule, with the declared payload', async () => {
    const ticks: string[] = [];
    const second = deferred();
    await world.startWorker(
      clock(150, (source) => {
        ticks.push(source);
        if (ticks.length === 2) second.resolve();
      }),
    );
    await second.promise;
    expect(ticks.slice(0, 2)).toEqual(['schedule', 'schedule']);
  });

  it('is declared once whatever the number of replicas and restarts', async () => {
    const ignore = () => undefined;
    const first = await world.startWorker(clock(60_000, ignore));
    await world.startWorker(clock(60_000, ignore)); // a second replica
    await first.stop();
    await world.startWorker(clock(60_000, ignore)); // the first one, restarted
    const schedulers = await world.queue.bull.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every])).toEqual([[Tick.name, 60_000]]);
    // One next run is waiting, not one per declaration.
    expect(await world.queue.bull.getDelayedCount()).toBe(1);
  });

  it('stops firing once no handler declares it any more', async () => {
    await world.startWorker(clock(60_000, () => undefined));
    expect(await world.queue.bull.getJobSchedulersCount()).toBe(1);
    class WithoutSchedule {
      @ProcessesJob(DoWork)
      async run(): Promise<void> {
        return Promise.resolve();
      }
    }
    await world.startWorker(new WithoutSchedule()); // the next version, which dropped it
    expect(await world.queue.bull.getJobSchedulersCount()).toBe(0);
  });
});
