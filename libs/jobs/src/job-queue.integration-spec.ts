// Real: a Redis address where nothing listens (a closed loopback port). Faked: nothing.
import { checkReadiness } from '@arbor/observability';
import { uniqueBusNamespace } from '@arbor/testing';
import { JobQueue } from './job-queue.client';

describe('job queue without Redis', () => {
  it('makes readiness say Redis is down, within the check timeout, instead of hanging', async () => {
    const queue = new JobQueue({
      service: 'fixture',
      redisUrl: 'redis://127.0.0.1:1',
      namespace: uniqueBusNamespace('jobs-no-redis'),
    });
    try {
      const report = await checkReadiness({ redis: () => queue.ping() });
      expect(report).toEqual({
        ready: false,
        checks: { redis: { state: 'down', error: expect.any(String) } },
      });
    } finally {
      await queue.close();
    }
  });
});
