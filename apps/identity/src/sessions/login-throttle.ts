import { createHash } from 'node:crypto';
import type { ThrottlePolicy } from '../identity.config';

/** One key's failed-login counter: fixed windows, and a lock once a window holds too many failures. */
export interface ThrottleState {
  readonly failures: number;
  readonly windowStartedAt: Date;
  readonly lockedUntil: Date | null;
}

/**
 * The account key is a hash of the normalised email whether or not an account has it: an
 * unknown email locks exactly like a known one, so a lock reveals nothing, and the table holds
 * no email addresses.
 */
export function accountThrottleKey(email: string): string {
  return `account:${createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex')}`;
}

export function addressThrottleKey(ip: string): string {
  return `ip:${ip}`;
}

/** A trusted device's own counter: its failures lock that device alone. */
export function deviceThrottleKey(deviceTokenHash: string): string {
  return `device:${deviceTokenHash}`;
}

/** Guesses at the current password by someone holding a session, apart from sign-in's counters. */
export function passwordChangeThrottleKey(userId: string): string {
  return `password:${userId}`;
}

/**
 * The counters a sign-in is judged on (OWASP's device-cookie scheme). From a device the account
 * has signed in from before: that device's counter alone, so neither a stranger guessing at the
 * email (the account lock) nor the clinic's shared address (the address lock) keeps the owner
 * out. From anywhere else: the account's and the address's, as before.
 */
export function throttleKeysFor(
  keys: { account: string; address: string },
  trustedDeviceTokenHash: string | null,
): string[] {
  return trustedDeviceTokenHash ? [deviceThrottleKey(trustedDeviceTokenHash)] : [keys.account, keys.address];
}

/** Milliseconds until the key may try again; 0 when it is not locked. */
export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil.getTime() - now.getTime());
}

/**
 * The counter after one more failure. A window that has run out (or a lock that has ended)
 * starts afresh with this failure; the failure that reaches the limit locks the key for the
 * lockout period, counted from now.
 */
export function afterFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh =
    !state ||
    now.getTime() - state.windowStartedAt.getTime() >= policy.windowMs ||
    (state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime());
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil =
    failures >= policy.maxFailures
      ? new Date(now.getTime() + policy.lockoutMs)
      : fresh
        ? null
        : state.lockedUntil;
  return { failures, windowStartedAt, lockedUntil };
}

/** What a locked login answers: whole seconds, never 0 (a client would retry at once). */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
