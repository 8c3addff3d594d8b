// Real: Redis. Nothing faked.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { testServices } from '@arbor/testing';
import { RateLimitCounters, type RateLimitStore } from './rate-limit-counters.repository';

function count(store: RateLimitStore, key: string, windowMs = 60_000) {
  return new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    store.incr(
      key,
      (error, result) => (error || !result ? reject(error ?? new Error('no result')) : resolve(result)),
      windowMs,
      10,
    ),
  );
}

describe('rate limit counters in Redis', () => {
  const redis = new Redis(testServices().redisUrl, { connectionName: 'arbor-gateway-counters-test' });
  const prefix = RateLimitCounters.keyPrefix(`counters-test-${randomBytes(4).toString('hex')}`);
  const errors: Error[] = [];
  const counters = new RateLimitCounters(redis, prefix, (error) => errors.push(error));

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('counts per key within one window, with the time the window has left', async () => {
    expect(await count(counters, 'user:a')).toEqual({ current: 1, ttl: 60_000 });
    const second = await count(counters, 'user:a');
    expect(second.current).toBe(2);
    expect(second.ttl).toBeGreaterThan(0);
    expect(second.ttl).toBeLessThanOrEqual(60_000);
    expect((await count(counters, 'user:b')).current).toBe(1);
    expect(await redis.pttl(`${prefix}user:a`)).toBeGreaterThan(0);
  });

  it('keeps a route with its own limit in keys of its own', async () => {
    const signIn = counters.child({ routeInfo: { method: 'POST', url: '/api/v1/auth/login' } });
    expect((await count(signIn, 'address:192.0.2.1')).current).toBe(1);
    expect((await count(counters, 'address:192.0.2.1')).current).toBe(1);
    expect(await redis.get(`${prefix}POST/api/v1/auth/login:address:192.0.2.1`)).toBe('1');
  });

  it('gives a counter that lost its expiry a new window instead of counting forever', async () => {
    await redis.set(`${prefix}user:stale`, '7');
    const result = await count(counters, 'user:stale', 30_000);
    expect(result).toEqual({ current: 8, ttl: 30_000 });
    expect(await redis.pttl(`${prefix}user:stale`)).toBeGreaterThan(0);
  });

  it('reports a Redis failure and passes it on', async () => {
    const away = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false });
    away.on('error', () => undefined);
    const seen: Error[] = [];
    try {
      await expect(
        count(new RateLimitCounters(away, prefix, (error) => seen.push(error)), 'user:a'),
      ).rejects.toThrow(/enableOfflineQueue|Connection is closed|writeable/);
      expect(seen).toHaveLength(1);
    } finally {
      away.disconnect();
    }
    expect(errors).toEqual([]);
  });
});
