import { z } from 'zod';
import { job } from './job-contract';
import { bullJobOptions, KEEP_COMPLETED, KEEP_FAILED, reconnectDelayMs, redisOptions } from './job-options';

const Remind = job('invoicing.reminder.send.v1', z.object({ invoiceId: z.string() }), {
  retry: { attempts: 4, backoffMs: 500, jitter: 0.2 },
});

describe('job options', () => {
  it('retries with exponential backoff and jitter, and keeps finished jobs for a bounded time', () => {
    expect(bullJobOptions(Remind)).toEqual({
      attempts: 4,
      backoff: { type: 'exponential', delay: 500, jitter: 0.2 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
    expect(KEEP_FAILED.age).toBeGreaterThan(0);
    expect(KEEP_FAILED.count).toBeGreaterThan(0);
  });

  it('lets one enqueue override the retries and delay the job', () => {
    expect(bullJobOptions(Remind, { retry: { attempts: 1 }, delayMs: 60_000 })).toMatchObject({
      attempts: 1,
      backoff: { type: 'exponential', delay: 500, jitter: 0.2 },
      delay: 60_000,
    });
  });

  it('qualifies a caller-given id with the job name, and refuses what BullMQ cannot store', () => {
    expect(bullJobOptions(Remind, { jobId: 'inv-42' }).jobId).toBe('invoicing.reminder.send.v1/inv-42');
    expect(() => bullJobOptions(Remind, { jobId: 'inv:42' })).toThrow(/contain no ":"/);
    expect(() => bullJobOptions(Remind, { jobId: '' })).toThrow(/non-empty/);
  });

  it('makes workers wait on Redis for ever, and lets an enqueue give up', () => {
    expect(redisOptions('arbor:jobs:payments:worker', 'worker').maxRetriesPerRequest).toBeNull();
    expect(redisOptions('arbor:jobs:payments:queue', 'queue').maxRetriesPerRequest).toBeGreaterThan(0);
    const delays = Array.from({ length: 30 }, (_, attempt) => reconnectDelayMs(attempt));
    expect(delays.every((delay) => delay > 0 && delay <= 3000)).toBe(true);
    expect(delays[0]).toBeLessThan(delays[29]!);
  });
});
