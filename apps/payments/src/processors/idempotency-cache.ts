import { createHash } from 'node:crypto';
import { ArborError } from '@arbor/contracts';

/**
 * Stripe-style idempotency for processors that have none (Converge) or only a partial one
 * (Authorize.net: one-use tokens, a short duplicate window): within one adapter instance, a
 * second call with the same key gets the first call's answer — the same promise while it is in
 * flight — and the same key with other parameters is refused, as Stripe refuses it.
 *
 * This is a second line of defence only. It lives in memory, so it does not survive a restart
 * or span replicas: the payments service's attempt row (committed STARTED before the call) is
 * what guarantees one charge per attempt.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, { fingerprint: string; result: Promise<T>; at: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    /** Stripe keeps keys for at least 24 hours; so do we (while the process lives). */
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `transient` marks answers that say "nothing happened, try again" (the processor could not
   * be reached before anything was asked of it): those are not kept, so the same key can retry.
   */
  run(
    key: string,
    parameters: readonly unknown[],
    call: () => Promise<T>,
    transient: (result: T) => boolean = () => false,
  ): Promise<T> {
    const fingerprint = fingerprintOf(parameters);
    const found = this.entries.get(key);
    if (found && this.now() - found.at < this.ttlMs) {
      if (found.fingerprint !== fingerprint) {
        return Promise.reject(
          new ArborError(
            'conflict',
            'This idempotency key was already used with other parameters; use a new key for a new payment.',
          ),
        );
      }
      return found.result;
    }
    const result = call();
    this.entries.set(key, { fingerprint, result, at: this.now() });
    // A call that threw (rather than answered) sent nothing; forget it so it can be made again.
    result.then(
      (answer) => {
        if (transient(answer)) this.entries.delete(key);
      },
      () => this.entries.delete(key),
    );
    this.evict();
    return result;
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
    }
  }
}

/** A hash of the parameters, so a token is never kept in memory longer than the call needs it. */
function fingerprintOf(parameters: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parameters)).digest('hex');
}
