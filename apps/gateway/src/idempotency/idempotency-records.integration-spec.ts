// Real: Redis. Nothing faked.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testServices } from '@arbor/testing';
import type { StoredAnswer } from './idempotency-key';
import { ANSWER_TTL_MS, IdempotencyRecords, LOCK_TTL_MS } from './idempotency-records.repository';

describe('idempotency records in Redis', () => {
  const redis = new Redis(testServices().redisUrl, { connectionName: 'arbor-gateway-idempotency-test' });
  const prefix = `idempotency-test-${randomBytes(4).toString('hex')}:`;
  const records = new IdempotencyRecords(redis);
  const answer = (fingerprint: string): StoredAnswer => ({
    state: 'done',
    fingerprint,
    status: 201,
    contentType: 'application/json; charset=utf-8',
    body: '{"id":"c1"}',
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gives the lock to one of many concurrent requests, expiring, and shows it to the others', async () => {
    const key = `${prefix}race`;
    const results = await Promise.all(Array.from({ length: 20 }, () => records.acquire(key, 'f1')));

    expect(results.filter((result) => result.taken)).toHaveLength(1);
    for (const result of results.filter((candidate) => !candidate.taken)) {
      expect(result).toMatchObject({ existing: { state: 'in_flight', fingerprint: 'f1' } });
    }
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(LOCK_TTL_MS - 5_000);
    expect(ttl).toBeLessThanOrEqual(LOCK_TTL_MS);
  });

  it('keeps the answer for a day, in place of the lock', async () => {
    const key = `${prefix}done`;
    const acquired = await records.acquire(key, 'f1');
    if (!acquired.taken) throw new Error('the first request must take the lock');

    expect(await records.complete(acquired.lock, answer('f1'))).toBe(true);

    expect(await records.acquire(key, 'f1')).toEqual({ taken: false, existing: answer('f1') });
    expect(await redis.pttl(key)).toBeGreaterThan(ANSWER_TTL_MS - 5_000);
  });

  it('frees the key on release, so a retry takes it', async () => {
    const key = `${prefix}release`;
    const acquired = await records.acquire(key, 'f1');
    if (!acquired.taken) throw new Error('the first request must take the lock');

    await records.release(acquired.lock);

    expect((await records.acquire(key, 'f1')).taken).toBe(true);
  });

  it("lets only the lock's owner complete or release it (after it expired and another took it)", async () => {
    const key = `${prefix}owner`;
    const first = await records.acquire(key, 'f1');
    if (!first.taken) throw new Error('the first request must take the lock');
    await redis.del(key); // as if the lock had expired
    const second = await records.acquire(key, 'f1');
    if (!second.taken) throw new Error('the second request must take the freed lock');

    expect(await records.complete(first.lock, answer('f1'))).toBe(false);
    await records.release(first.lock);

    expect(JSON.parse((await redis.get(key)) ?? 'null')).toMatchObject({ state: 'in_flight' });
    expect(await records.complete(second.lock, answer('f1'))).toBe(true);
  });

  it('throws when Redis cannot be reached (the caller refuses the request)', async () => {
    const away = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await expect(new IdempotencyRecords(away).acquire(`${prefix}away`, 'f1')).rejects.toThrow();
    } finally {
      away.disconnect();
    }
  });
});
