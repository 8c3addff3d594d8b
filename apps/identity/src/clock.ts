/**
 * Where identity gets the time. Every timestamp it writes or compares (sessions, lockouts,
 * invitations, token claims, TOTP steps) comes from here, never from the database's now(), so
 * that tests move time forward instead of sleeping through a 30-minute idle timeout.
 */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol.for('arbor.identity.clock');

export const systemClock: Clock = { now: () => new Date() };
