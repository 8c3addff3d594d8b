import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { ArborError } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import type { GatewayConfig } from '../gateway.config';
import { RateLimitCounters, type RateLimitStore } from './rate-limit-counters.repository';
import { addressKey, requesterKey, type VerifyAccessToken } from './rate-limit-keys';

const WINDOW_MS = 60_000;
/** At most one warning per this long while Redis is away: every request would log one otherwise. */
const WARNING_INTERVAL_MS = 30_000;

/**
 * Anonymous routes that take a password or a token, or make an account: limited per client
 * address, and more tightly than the rest (identity's lockout counts failures; this counts tries).
 */
export const SIGN_IN_ROUTES: ReadonlyArray<{ method: string; url: string }> = [
  { method: 'POST', url: '/api/v1/auth/login' },
  { method: 'POST', url: '/api/v1/practices' },
  { method: 'POST', url: '/api/v1/invitations/:token/accept' },
];

function isSignInRoute(route: Pick<RouteOptions, 'method' | 'url'>): boolean {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return SIGN_IN_ROUTES.some((entry) => entry.url === route.url && methods.includes(entry.method));
}

export interface RateLimitOptions {
  readonly config: GatewayConfig;
  readonly redis: Redis;
  readonly verify: VerifyAccessToken;
  readonly logger: Logger;
  readonly registry?: Registry;
}

/**
 * Request budgets per minute, counted in Redis so all replicas share them: per signed-in person
 * (verified token), per client address for anonymous requests, and a tighter per-address budget
 * on the sign-in routes. While Redis cannot be reached the limiter lets requests through (fail
 * open), logs a warning and counts `arbor_rate_limit_store_errors_total`; readiness reports it.
 * Must be registered before Nest registers its routes (the route hooks are added per route).
 */
export async function registerRateLimits(fastify: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const { config, logger } = options;
  const storeErrors = new Counter({
    name: 'arbor_rate_limit_store_errors_total',
    help: 'Rate limit checks that could not reach Redis (the request was let through)',
    registers: options.registry ? [options.registry] : [],
  });
  let lastWarningAt = Number.NEGATIVE_INFINITY;
  const counters = new RateLimitCounters(
    options.redis,
    RateLimitCounters.keyPrefix(config.rateLimitNamespace),
    (error) => {
      storeErrors.inc();
      if (Date.now() - lastWarningAt < WARNING_INTERVAL_MS) return;
      lastWarningAt = Date.now();
      logger.warn(
        { err: error },
        'rate limit counters unreachable: requests are not limited until Redis answers',
      );
    },
  );

  fastify.addHook('onRoute', (route) => {
    if (!isSignInRoute(route)) return;
    route.config = {
      ...route.config,
      rateLimit: { max: config.signInRateLimitPerMinute, keyGenerator: addressKey },
    };
  });

  await fastify.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: WINDOW_MS,
    store: sharedStore(counters),
    skipOnError: true,
    keyGenerator: requesterKey(options.verify),
    errorResponseBuilder: (_request, context) => {
      const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ArborError(
        'rate_limited',
        `more than ${context.max} requests in a minute: try again in ${retryAfterSeconds} s`,
        { retryAfterSeconds },
      );
    },
  });

  // An unknown path has no route for the plugin to hook: it spends the caller's budget all the same.
  const limitUnmatched = fastify.rateLimit();
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.is404) await limitUnmatched.call(fastify, request, reply);
  });
}

/** The plugin constructs its store itself; this hands it the one built here. */
function sharedStore(counters: RateLimitCounters) {
  return class SharedCounters implements RateLimitStore {
    incr = counters.incr.bind(counters);
    child = counters.child.bind(counters);
  };
}
