/**
 * Where a service gets the time. Every timestamp it writes or compares (sessions, lockouts,
 * invitations, `updated_at`, token claims) comes from here, never from `new Date()` or the
 * database's `now()`, so that tests move time forward instead of sleeping through a timeout.
 */
export interface Clock {
  now(): Date;
}

/** Injection token of the service's {@link Clock}. */
export const CLOCK = Symbol.for('arbor.clock');

export const systemClock: Clock = { now: () => new Date() };
