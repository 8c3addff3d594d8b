import {
  accountThrottleKey,
  addressThrottleKey,
  afterFailure,
  deviceThrottleKey,
  lockRemainingMs,
  retryAfterSeconds,
  throttleKeysFor,
  type ThrottleState,
} from './login-throttle';

const MINUTE = 60_000;
const policy = { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };
const t0 = new Date('2026-03-01T10:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);

function failTimes(times: number[], start: ThrottleState | null = null): ThrottleState | null {
  return times.reduce<ThrottleState | null>(
    (state, minute) => afterFailure(state, at(minute), policy),
    start,
  );
}

describe('login throttle', () => {
  it('locks on the fifth failure within the window, for the lockout period from then', () => {
    const four = failTimes([0, 1, 2, 3]);
    expect(four).toEqual({ failures: 4, windowStartedAt: t0, lockedUntil: null });
    expect(lockRemainingMs(four, at(3))).toBe(0);
    const five = afterFailure(four, at(4), policy);
    expect(five).toEqual({ failures: 5, windowStartedAt: t0, lockedUntil: at(19) });
    expect(lockRemainingMs(five, at(4))).toBe(15 * MINUTE);
    expect(lockRemainingMs(five, at(18.5))).toBe(0.5 * MINUTE);
    expect(lockRemainingMs(five, at(19))).toBe(0);
  });

  it('does not lock on failures spread over more than one window', () => {
    const state = failTimes([0, 5, 10, 14, 15, 16]);
    // The window of minute 0 ended at minute 15: that failure starts a new one.
    expect(state).toEqual({ failures: 2, windowStartedAt: at(15), lockedUntil: null });
  });

  it('counts afresh once a lock has ended', () => {
    const locked = failTimes([0, 1, 2, 3, 4]);
    const after = afterFailure(locked, at(20), policy);
    expect(after).toEqual({ failures: 1, windowStartedAt: at(20), lockedUntil: null });
  });

  it('locks at once with a limit of one', () => {
    expect(afterFailure(null, t0, { ...policy, maxFailures: 1 }).lockedUntil).toEqual(at(15));
  });

  it('renews rather than shortens a lock when a failure is recorded during it', () => {
    // The service refuses to verify while locked; if a failure is recorded anyway (a race), the
    // lock is renewed from that failure, never shortened.
    const locked = failTimes([0, 1, 2, 3, 4])!;
    const again = afterFailure(locked, at(5), policy);
    expect(again.lockedUntil!.getTime()).toBeGreaterThanOrEqual(locked.lockedUntil!.getTime());
  });

  it('keys accounts by a hash of the normalised email, and addresses by IP', () => {
    const key = accountThrottleKey('Ana@Example.org ');
    expect(key).toBe(accountThrottleKey('ana@example.org'));
    expect(key).toMatch(/^account:[0-9a-f]{64}$/);
    expect(key).not.toContain('ana');
    expect(accountThrottleKey('bo@example.org')).not.toBe(key);
    expect(addressThrottleKey('203.0.113.7')).toBe('ip:203.0.113.7');
  });

  it('answers whole seconds to wait, at least one', () => {
    expect(retryAfterSeconds(15 * MINUTE)).toBe(900);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1500)).toBe(2);
  });
});

describe('throttleKeysFor', () => {
  const keys = { account: accountThrottleKey('ana@example.org'), address: addressThrottleKey('203.0.113.9') };

  it("judges a sign-in from a trusted device on that device's counter alone", () => {
    expect(throttleKeysFor(keys, 'abc123')).toEqual([deviceThrottleKey('abc123')]);
  });

  it("judges any other sign-in on the account's and the address's counters", () => {
    expect(throttleKeysFor(keys, null)).toEqual([keys.account, keys.address]);
  });
});
