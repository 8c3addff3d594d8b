import { z } from 'zod';
import { job } from '@arbor/jobs';
import { loadPaymentRecoveryConfig } from '../payments.config';

/**
 * Settles payment attempts whose outcome was never recorded (the service died between the
 * processor's answer and its commit, or the processor did not answer) by asking the processor.
 * Repeatable and safe to run twice: an attempt is settled once, whoever gets there first.
 */
export const RecoverPaymentAttempts = job(
  'payments.attempts.recover.v1',
  z.object({
    /** How many unsettled attempts one run asks about, least recently asked first. */
    batch: z.number().int().positive().max(1000).default(100),
  }),
  {
    // The next scheduled run is a minute away: a failed run need not retry for long.
    retry: { attempts: 2 },
  },
);

/**
 * When the job runs and what it takes (`ARBOR_PAYMENTS_RECOVERY_EVERY_MS`, `…_GRACE_MS`; a minute
 * each by default, so a client's pending payment settles within about two). Read once, here,
 * because the job's schedule is declared with its handler, before the app is created.
 */
export const RECOVERY_SETTINGS = loadPaymentRecoveryConfig();
