import { loadPaymentRecoveryConfig } from './payments.config';

describe('payment recovery settings', () => {
  it('waits a minute before settling a STARTED attempt and runs every minute, unless told otherwise', () => {
    expect(loadPaymentRecoveryConfig({})).toEqual({ startedGraceMs: 60_000, everyMs: 60_000 });
    expect(
      loadPaymentRecoveryConfig({
        ARBOR_PAYMENTS_RECOVERY_GRACE_MS: '2000',
        ARBOR_PAYMENTS_RECOVERY_EVERY_MS: '1000',
      }),
    ).toEqual({ startedGraceMs: 2000, everyMs: 1000 });
  });

  it('refuses a value that is not a whole number of milliseconds from one second to an hour', () => {
    for (const bad of ['0', '999', '1.5', 'soon', '3600001']) {
      expect(() => loadPaymentRecoveryConfig({ ARBOR_PAYMENTS_RECOVERY_GRACE_MS: bad })).toThrow(
        /invalid payments configuration:\n {2}startedGraceMs/,
      );
      expect(() => loadPaymentRecoveryConfig({ ARBOR_PAYMENTS_RECOVERY_EVERY_MS: bad })).toThrow(/everyMs/);
    }
  });
});
