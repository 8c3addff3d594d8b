import { z } from 'zod';
import { job } from './job-contract';
import { jobHandlersOf, ProcessesJob, type JobRun } from './processes-job.decorator';

const Send = job('notifications.email.send.v1', z.object({ to: z.email() }));
const Digest = job('notifications.digest.build.v1', z.object({}));

class Mailer {
  readonly sent: string[] = [];

  @ProcessesJob(Send)
  async send(payload: { to: string }, _run: JobRun): Promise<void> {
    this.sent.push(payload.to);
    return Promise.resolve();
  }

  @ProcessesJob(Digest, { schedule: { cron: '0 7 * * *', payload: {} } })
  async digest(): Promise<void> {
    return Promise.resolve();
  }
}

describe('@ProcessesJob', () => {
  it('declares the handlers of an instance, bound to it, with their schedules', async () => {
    const mailer = new Mailer();
    const handlers = jobHandlersOf(mailer);
    expect(handlers.map((h) => [h.contract.name, h.handlerName, h.schedule])).toEqual([
      ['notifications.email.send.v1', 'Mailer.send', undefined],
      ['notifications.digest.build.v1', 'Mailer.digest', { cron: '0 7 * * *', payload: {} }],
    ]);
    const run: JobRun = { jobId: '1', attempt: 1, maxAttempts: 1, signal: new AbortController().signal };
    await handlers[0]!.run({ to: 'a@example.org' }, run);
    expect(mailer.sent).toEqual(['a@example.org']);
  });

  it('finds nothing on an instance that declares nothing', () => {
    expect(jobHandlersOf(new (class Plain {})())).toEqual([]);
  });
});
