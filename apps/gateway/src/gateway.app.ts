import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { DynamicModule, Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { Counter, Histogram, type Registry } from 'prom-client';
import { BusClient, setMessagingLogger } from '@arbor/messaging';
import {
  createLogger,
  isTraceparent,
  NestPinoLogger,
  newTraceparent,
  runWithTraceContext,
  type Logger,
} from '@arbor/observability';
import type { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { problemFor, PROBLEM_CONTENT_TYPE } from './http/problem';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_BODY_BYTES = 1024 * 1024;

export interface GatewayApp {
  readonly app: NestFastifyApplication;
  readonly bus: BusClient;
  readonly logger: Logger;
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
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    bodyLimit: MAX_BODY_BYTES,
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
    },
  );
  const fastify = app.getHttpAdapter().getInstance();

  await fastify.register(cookie);
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
      },
    },
  });
  await fastify.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => ({
      ...problemFor(
        'rate_limited',
        `more than ${context.max} requests in a minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
      statusCode: 429,
    }),
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    if (reply.statusCode === 429 && !String(reply.getHeader('content-type') ?? '').includes('problem')) {
      void reply.header('content-type', PROBLEM_CONTENT_TYPE);
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

  await app.init();
  return {
    app,
    bus,
    logger,
    close: async () => {
      await app.close();
      await bus.close();
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
