import { z } from 'zod';
import { DEFAULT_RETRY, job, retryPolicy } from './job-contract';

describe('job contracts', () => {
  it('binds a versioned name to its payload and names the owning service', () => {
    const Recover = job('payments.recover-attempts.run.v1', z.object({ paymentId: z.uuid() }));
    expect(Recover).toMatchObject({
      kind: 'job',
      name: 'payments.recover-attempts.run.v1',
      service: 'payments',
    });
    expect(Recover.retry).toEqual(DEFAULT_RETRY);
    expect(job('service-enablement.catalogue.refresh.v12', z.object({})).service).toBe('service-enablement');
  });

  it('refuses a name that is not <service>.<subject>.<verb>.v<N>', () => {
    for (const bad of [
      'payments.recover-attempts.v1',
      'payments.attempts.recover',
      'Payments.attempts.recover.v1',
      'payments.attempts.recover.v0',
      'payments:attempts.recover.v1',
    ]) {
      expect(() => job(bad, z.object({}))).toThrow(/does not follow <service>\.<subject>\.<verb>\.v<N>/);
    }
  });

  it('lets a contract override part of the retry policy, and checks it', () => {
    expect(job('invoicing.reminder.send.v1', z.object({}), { retry: { attempts: 8 } }).retry).toEqual({
      ...DEFAULT_RETRY,
      attempts: 8,
    });
    expect(() => retryPolicy(DEFAULT_RETRY, { attempts: 0 })).toThrow(/attempts/);
    expect(() => retryPolicy(DEFAULT_RETRY, { attempts: 2.5 })).toThrow(/attempts/);
    expect(() => retryPolicy(DEFAULT_RETRY, { backoffMs: -1 })).toThrow(/backoffMs/);
    expect(() => retryPolicy(DEFAULT_RETRY, { jitter: 2 })).toThrow(/jitter/);
    expect(retryPolicy(DEFAULT_RETRY, { attempts: undefined })).toEqual(DEFAULT_RETRY);
  });
});
