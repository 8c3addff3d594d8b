import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { MethodNotAllowedException, type DynamicModule, type Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Counter, Histogram, type Registry } from 'prom-client';
import { ACCESS_TOKEN_VERIFIER, type AccessTokenVerifier } from '@arbor/auth';
import { BusClient, setMessagingLogger } from '@arbor/messaging';
import {
  createLogger,
  isTraceparent,
  NestPinoLogger,
  newTraceparent,
  runWithTraceContext,
  type DependencyCheck,
  type Logger,
} from '@arbor/observability';
import type { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { answerClientError, answerFrameworkError, RouteMethods } from './http/framework-errors';
import { utf8JsonParser, type JsonTextParser } from './http/json-body';
import { registerIdempotency } from './idempotency/idempotency';
import { registerRateLimits } from './rate-limit/rate-limits';
import { serveWebApp } from './web/serve-web-app';
import { keepingRawBody, limitRawBodyRoutes } from './webhooks/raw-body';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_BODY_BYTES = 1024 * 1024;
/** The longest path parameter any route takes (an invitation token); longer answers 414. */
const MAX_PARAM_LENGTH = 128;
/** The JSON API: nothing here may be cached by a browser or a proxy (tokens, health, PHI). */
const API_PATH = /^\/api\/v1(?:[/?]|$)/;

export interface GatewayApp {
  readonly app: NestFastifyApplication;
  readonly bus: BusClient;
  readonly logger: Logger;
  /** What the ops port's readiness asks: the broker, and Redis (rate limit counters). */
  readonly checks: Record<string, DependencyCheck>;
  close(): Promise<void>;
}

/**
 * Builds the gateway (not yet listening), so tests drive the same application `main.ts` runs.
 */
export interface GatewayAppOptions {
  logger?: Logger;
  /** Feature modules mounted beside the built-in routes (tests mount fixture routes this way). */
  modules?: Array<Type | DynamicModule>;
  /** Where request metrics go (the ops port's `/metrics`). */
  registry?: Registry;
}

export async function createGatewayApp(
  config: GatewayConfig,
  options: GatewayAppOptions = {},
): Promise<GatewayApp> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  setMessagingLogger(logger);
  const bus = new BusClient({
    url: config.rabbitmqUrl,
    namespace: config.busNamespace,
    defaultTimeoutMs: config.rpcTimeoutMs,
  });
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    // Fail at once while disconnected instead of queueing: the limiter fails open, it must not stall.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 1000,
    connectionName: `arbor-gateway-${config.rateLimitNamespace}`,
  });
  // Reconnects by itself; the limiter's own warning (throttled) and readiness say Redis is away.
  redis.on('error', () => undefined);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    trustProxy: config.trustProxy,
    // A caller's request id is kept (so logs join up across systems) if it is sane; else we mint one.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register({ config, logger, bus }, options.modules),
    adapter,
    {
      logger: new NestPinoLogger(logger),
      abortOnError: false,
      // JSON only, parsed below: no form bodies (which any site can post) and no text/plain.
      bodyParser: false,
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES },
    // Fastify's own parser is the callback form (its type also admits a promise-returning one).
    keepingRawBody(utf8JsonParser(fastify.getDefaultJsonParser('error', 'error') as JsonTextParser)),
  );
  limitRawBodyRoutes(fastify);
  const routes = new RouteMethods();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));

  await fastify.register(cookie);
  const paymentOrigins = config.paymentOrigins ?? [];
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Scripts only from our own files and the card processors' own scripts, which tokenize a
        // card on the payment page (docs/adr/0005): no inline script, no eval, no other host
        // (docs/adr/0020). Their fields are frames, and they call their own APIs.
        scriptSrc: ["'self'", ...paymentOrigins],
        frameSrc: ["'self'", ...paymentOrigins],
        connectSrc: ["'self'", ...paymentOrigins],
        // Mantine (the web app's components) sets inline style attributes and injects a <style>
        // element with its CSS variables at run time, so styles need 'unsafe-inline'. A style
        // cannot run code; the injection it would allow is visual only (docs/adr/0020).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // Not helmet's `https:`: with inline styles allowed, a font URL must not reach other hosts.
        fontSrc: ["'self'", 'data:'],
        manifestSrc: ["'self'"],
        // On a plain-HTTP origin (a developer's localhost) upgrading would break every request.
        upgradeInsecureRequests: config.webOrigins.every((origin) => origin.startsWith('https:')) ? [] : null,
      },
    },
  });
  await redis.connect().catch((error: unknown) => {
    logger.warn({ err: error }, 'Redis unreachable at start: requests are not rate limited until it answers');
  });
  const verifier = app.get<AccessTokenVerifier>(ACCESS_TOKEN_VERIFIER);
  await registerRateLimits(fastify, {
    config,
    redis,
    verify: (token) => verifier.verify(token),
    logger,
    ...(options.registry ? { registry: options.registry } : {}),
  });
  // Same Redis, same namespace as the limiter; but it fails closed (docs/adr/0021).
  registerIdempotency(app, { redis, namespace: config.rateLimitNamespace, logger });
  // A known path asked with a method it does not answer: 405 naming the ones it does.
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const allowed = routes.allowed(request.url);
    if (allowed.length === 0) return;
    void reply.header('allow', allowed.join(', '));
    throw new MethodNotAllowedException();
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    if (API_PATH.test(request.url) && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    }
    return payload;
  });
  if (options.registry) recordRequestMetrics(fastify, options.registry);
  // Everything a request does (logs, messages it sends) carries its request id and trace.
  fastify.addHook('onRequest', (request, _reply, done) => {
    const incoming = request.headers['traceparent'];
    runWithTraceContext(
      { requestId: String(request.id), traceparent: isTraceparent(incoming) ? incoming : newTraceparent() },
      done,
    );
  });
  // After the hooks above: a 405 for an API path still answers first, and the page is traced.
  if (config.webRoot !== undefined) await serveWebApp(fastify, config.webRoot);

  await app.init();
  return {
    app,
    bus,
    logger,
    checks: {
      broker: () => bus.ensureConnected(config.services[0] ?? 'gateway'),
      redis: async () => {
        await redis.ping();
      },
    },
    close: async () => {
      await app.close();
      await bus.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Requests by route template (never the raw URL: ids would explode the label set), method and
 * status, and their latency.
 */
function recordRequestMetrics(fastify: FastifyInstance, registry: Registry): void {
  const requests = new Counter({
    name: 'arbor_http_requests_total',
    help: 'HTTP requests, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'arbor_http_request_duration_seconds',
    help: 'HTTP request latency, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
