import type { Redis } from 'ioredis';

/** What `@fastify/rate-limit` needs of a store (its own type is not exported as a value). */
export interface RateLimitStore {
  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
    max: number,
  ): void;
  /** Called with the route's merged limiter options, `routeInfo` among them, for a route with its own limit. */
  child(routeOptions: object): RateLimitStore;
}

interface RouteInfo {
  method?: string | string[];
  url?: string;
}

// One round trip, atomic: count the request and say how long the window still runs. A key that
// somehow lost its expiry gets it back instead of counting forever.
const COUNT_SCRIPT = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return {current, tonumber(ARGV[1])}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}
`;

type CountingRedis = Redis & {
  arborRateLimitCount(key: string, windowMs: number): Promise<[number, number]>;
};

function withCountCommand(redis: Redis): CountingRedis {
  if (!('arborRateLimitCount' in redis)) {
    redis.defineCommand('arborRateLimitCount', { numberOfKeys: 1, lua: COUNT_SCRIPT });
  }
  return redis as CountingRedis;
}

/**
 * Fixed-window request counters in Redis, so every gateway replica counts against one budget.
 * Keys: `<namespace>:gateway:rate-limit:` + (for a route with its own limit, its method and
 * template) + the caller's key. A Redis failure is reported to `onError` and passed on, so
 * the limiter can let the request through (see `skipOnError`).
 */
export class RateLimitCounters implements RateLimitStore {
  private readonly redis: CountingRedis;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: Error) => void,
  ) {
    this.redis = withCountCommand(redis);
  }

  static keyPrefix(namespace: string): string {
    return `${namespace}:gateway:rate-limit:`;
  }

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
  ): void {
    this.redis.arborRateLimitCount(this.prefix + key, timeWindow).then(
      ([current, ttl]) => callback(null, { current, ttl }),
      (error: unknown) => {
        const failure = error instanceof Error ? error : new Error(String(error));
        this.onError(failure);
        callback(failure);
      },
    );
  }

  child(routeOptions: object): RateLimitStore {
    const { method, url } = (routeOptions as { routeInfo?: RouteInfo }).routeInfo ?? {};
    const methods = Array.isArray(method) ? method.join(',') : (method ?? '');
    return new RateLimitCounters(this.redis, `${this.prefix}${methods}${url ?? ''}:`, this.onError);
  }
}
