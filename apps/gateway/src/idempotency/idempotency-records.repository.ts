import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { IdempotencyRecord, type InFlightRecord, type StoredAnswer } from './idempotency-key';

/** Stripe's window: a key is remembered for a day after its first request. */
export const ANSWER_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * How long a key stays locked if the gateway dies mid-request: long beyond any request (RPC
 * timeouts are at most 2 minutes, and a request makes few calls), short enough that a client
 * retrying after a crash is not refused for long.
 */
export const LOCK_TTL_MS = 5 * 60 * 1000;

// Take the lock, or answer what holds the key, in one round trip (no gap between SET and GET).
const ACQUIRE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
`;
// Only the request holding the lock may replace or drop it (its record names it).
const COMPLETE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`;

type ScriptedRedis = Redis & {
  arborIdempotencyAcquire(key: string, record: string, ttlMs: number): Promise<string | null>;
  arborIdempotencyComplete(key: string, lock: string, answer: string, ttlMs: number): Promise<number>;
  arborIdempotencyRelease(key: string, lock: string): Promise<number>;
};

function withScripts(redis: Redis): ScriptedRedis {
  if (!('arborIdempotencyAcquire' in redis)) {
    redis.defineCommand('arborIdempotencyAcquire', { numberOfKeys: 1, lua: ACQUIRE_SCRIPT });
    redis.defineCommand('arborIdempotencyComplete', { numberOfKeys: 1, lua: COMPLETE_SCRIPT });
    redis.defineCommand('arborIdempotencyRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }
  return redis as ScriptedRedis;
}

/** A lock this request took: what completing or releasing it needs. */
export interface HeldLock {
  readonly key: string;
  readonly record: string;
}

export type Acquired = { taken: true; lock: HeldLock } | { taken: false; existing: IdempotencyRecord };

/**
 * Idempotency keys in Redis, shared by every gateway replica. A key holds the in-flight record
 * of the request that took it (SET NX, expiring), then that request's answer for a day. Every
 * failure to reach Redis is thrown: the caller refuses the request rather than risk running it
 * twice.
 */
export class IdempotencyRecords {
  private readonly redis: ScriptedRedis;

  constructor(redis: Redis) {
    this.redis = withScripts(redis);
  }

  async acquire(key: string, fingerprint: string): Promise<Acquired> {
    const lock: InFlightRecord = { state: 'in_flight', fingerprint, owner: randomUUID() };
    const record = JSON.stringify(lock);
    const existing = await this.redis.arborIdempotencyAcquire(key, record, LOCK_TTL_MS);
    if (existing === null) return { taken: true, lock: { key, record } };
    return { taken: false, existing: IdempotencyRecord.parse(JSON.parse(existing)) };
  }

  /** Keeps the answer for repeats; `false` if the lock was no longer this request's (it expired). */
  async complete(lock: HeldLock, answer: StoredAnswer): Promise<boolean> {
    const replaced = await this.redis.arborIdempotencyComplete(
      lock.key,
      lock.record,
      JSON.stringify(answer),
      ANSWER_TTL_MS,
    );
    return replaced === 1;
  }

  /** Frees the key without an answer, so a retry runs (after a 5xx). */
  async release(lock: HeldLock): Promise<void> {
    await this.redis.arborIdempotencyRelease(lock.key, lock.record);
  }
}
