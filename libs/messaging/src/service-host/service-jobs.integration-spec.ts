// Real: PostgreSQL, RabbitMQ, Redis, the service host with its ops port. Faked: nothing; the
// fixture service stands in for a real one.
import { Inject, Injectable, Module } from '@nestjs/common';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { job, JobQueue, ProcessesJob } from '@arbor/jobs';
import { testServices } from '@arbor/testing';
import { FIXTURE_SERVICE } from '../../test/fixtures/fixture.contracts';
import { createFixtureWorld, type FixtureWorld } from '../../test/fixtures/fixture-service';
import { startService, type RunningService } from './service-host';

const SendReminder = job('messaging-fixture.reminder.send.v1', z.object({ invoiceId: z.string() }));

const sent: string[] = [];
let onSent: (invoiceId: string) => void = () => undefined;

@Injectable()
class Reminders {
  constructor(@Inject(JobQueue) private readonly queue: JobQueue) {}

  /** What a use case does: enqueue through the injected queue. */
  remind(invoiceId: string): Promise<string> {
    return this.queue.enqueue(SendReminder, { invoiceId }, { jobId: `reminder-${invoiceId}` });
  }

  @ProcessesJob(SendReminder)
  async send(payload: { invoiceId: string }): Promise<void> {
    sent.push(payload.invoiceId);
    onSent(payload.invoiceId);
    return Promise.resolve();
  }
}

@Module({ providers: [Reminders] })
class RemindersModule {}

@Module({})
class NoJobsModule {}

describe('a service that runs jobs', () => {
  let world: FixtureWorld;
  let running: RunningService | null = null;
  const { redisUrl } = testServices();

  beforeEach(async () => {
    world = await createFixtureWorld('service-jobs');
    sent.length = 0;
  });
  afterEach(async () => {
    await running?.stop();
    running = null;
    const leftover = new JobQueue({ service: FIXTURE_SERVICE, redisUrl, namespace: world.namespace });
    await leftover.bull.obliterate({ force: true });
    await leftover.close();
    await world.teardown();
  });

  function start(jobs?: { redisUrl: string }): Promise<RunningService> {
    return startService({
      service: FIXTURE_SERVICE,
      module: jobs ? RemindersModule : NoJobsModule,
      config: {
        databaseUrl: world.database.url,
        rabbitmqUrl: world.rabbitmqUrl,
        busNamespace: world.namespace,
        opsPort: 0,
        logLevel: 'silent',
        rpcTimeoutMs: 2000,
      },
      ...(jobs ? { jobs } : {}),
    });
  }

  async function ops(path: string): Promise<{ status: number; body: string }> {
    const response = await fetch(`http://127.0.0.1:${running!.ops.port}${path}`);
    return { status: response.status, body: await response.text() };
  }

  it('runs its handlers, says Redis is up in its readiness and counts its jobs on its ops port', async () => {
    running = await start({ redisUrl });
    const ready = await ops('/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toMatchObject({
      ready: true,
      checks: { database: { state: 'up' }, broker: { state: 'up' }, redis: { state: 'up' } },
    });

    const done = new Promise<string>((resolve) => (onSent = resolve));
    await running.app.get(Reminders).remind('inv-1');
    expect(await done).toBe('inv-1');

    const metrics = await ops('/metrics');
    expect(metrics.body).toMatch(
      /^arbor_job_runs_total\{queue="messaging-fixture",job="messaging-fixture.reminder.send.v1",outcome="completed",service="messaging-fixture"\} 1$/m,
    );
    expect(metrics.body).toMatch(
      /^arbor_jobs\{queue="messaging-fixture",state="failed",service="messaging-fixture"\} 0$/m,
    );
  });

  it('closes its Redis connections when it stops', async () => {
    running = await start({ redisUrl });
    const inspector = new Redis(redisUrl);
    try {
      const ours = async () =>
        ((await inspector.call('CLIENT', 'LIST')) as string)
          .split('\n')
          .filter((line) => line.includes(` name=${world.namespace}:jobs:`));
      expect((await ours()).length).toBeGreaterThanOrEqual(3); // queue, worker, its blocking read
      await running.stop();
      running = null;
      expect(await ours()).toEqual([]);
    } finally {
      inspector.disconnect();
    }
  });

  it('has no Redis in its readiness when it runs no jobs', async () => {
    running = await start();
    expect(Object.keys((JSON.parse((await ops('/health/ready')).body) as { checks: object }).checks)).toEqual(
      ['database', 'broker'],
    );
    expect(running.jobs).toBeNull();
  });
});
