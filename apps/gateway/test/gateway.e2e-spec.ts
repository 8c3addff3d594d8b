// Real: the gateway application (Fastify, helmet, rate limit, problem+json, OpenAPI) in this
// process; the built service-enablement app as its own process, migrated by its own migrate
// step; RabbitMQ and PostgreSQL.
// Faked: one fixture route, mounted to exercise HTTP body validation before real routes need it.
import { Body, Controller, Module, Post } from '@nestjs/common';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { Public } from '@arbor/auth';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { deleteBusNamespace } from '@arbor/messaging';
import {
  eventually,
  runAppOnce,
  startAppProcess,
  testServices,
  uniqueBusNamespace,
  type AppProcess,
} from '@arbor/testing';
import { createGatewayApp, type GatewayApp } from '../src/gateway.app';
import type { GatewayConfig } from '../src/gateway.config';
import { ZodValidationPipe } from '../src/http/zod-validation.pipe';

const FixtureBody = z.object({ label: z.string().min(1), amount: z.number().int().positive() });

@Controller('api/v1/fixture')
@Public()
class FixtureController {
  @Post('echo')
  echo(@Body(new ZodValidationPipe(FixtureBody)) body: z.infer<typeof FixtureBody>) {
    return body;
  }
}

@Module({ controllers: [FixtureController] })
class FixtureModule {}

const SERVICE = 'service-enablement';

describe('gateway', () => {
  const services = testServices();
  const namespace = uniqueBusNamespace('gateway');
  let database: TestDatabase;
  let service: AppProcess | null = null;
  let gateway: GatewayApp;
  const registry = new Registry();
  let base: string;

  const config = (overrides: Partial<GatewayConfig> = {}): GatewayConfig => ({
    port: 0,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl: services.rabbitmqUrl,
    busNamespace: namespace,
    rpcTimeoutMs: 1000,
    logLevel: 'silent',
    services: [SERVICE],
    rateLimitPerMinute: 1000,
    signInRateLimitPerMinute: 1000,
    redisUrl: services.redisUrl,
    rateLimitNamespace: namespace,
    webOrigins: ['http://localhost:3000'],
    trustProxy: false,
    ...overrides,
  });

  const serviceEnv = () => ({
    ARBOR_SERVICE_ENABLEMENT_DATABASE_URL: database.url,
    ARBOR_RABBITMQ_URL: services.rabbitmqUrl,
    ARBOR_BUS_NAMESPACE: namespace,
    ARBOR_SERVICE_ENABLEMENT_OPS_PORT: '0',
    ARBOR_LOG_LEVEL: 'warn',
  });

  async function startServiceEnablement(): Promise<void> {
    service = startAppProcess(SERVICE, serviceEnv());
    const running = service;
    await eventually(
      async () => {
        if (running.child.exitCode !== null) throw new Error(`service exited:\n${running.output()}`);
        const response = await fetch(`${base}/api/v1/health`);
        expect(response.status).toBe(200);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  async function listen(app: GatewayApp): Promise<string> {
    await app.app.listen({ port: 0, host: '127.0.0.1' });
    return (await app.app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  beforeAll(async () => {
    database = await createTestDatabase(services.postgresUrl, 'gateway');
    await runAppOnce(SERVICE, 'migrate', serviceEnv());
    gateway = await createGatewayApp(config(), { modules: [FixtureModule], registry });
    base = await listen(gateway);
    await startServiceEnablement();
  });

  afterAll(async () => {
    await gateway.close();
    await service?.stop();
    await deleteBusNamespace(services.rabbitmqUrl, namespace, [SERVICE]);
    await database.drop();
  });

  it('reports the platform up when each service is ready over the bus, naming none of them', async () => {
    const response = await fetch(`${base}/api/v1/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'up' });
  });

  it('keeps a sane caller request id, mints one otherwise, and sends security headers', async () => {
    const given = await fetch(`${base}/api/v1/health`, { headers: { 'x-request-id': 'req-123.abc' } });
    expect(given.headers.get('x-request-id')).toBe('req-123.abc');
    const minted = await fetch(`${base}/api/v1/health`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(minted.headers.get('x-content-type-options')).toBe('nosniff');
    expect(minted.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(minted.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('answers 400 problem+json naming each invalid field, never 500', async () => {
    const response = await fetch(`${base}/api/v1/fixture/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ label: '', amount: 12.5 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { errors: Array<{ path: string }> };
    expect(problem).toMatchObject({
      type: 'urn:arbor:problem:validation_failed',
      title: 'Invalid request',
      status: 400,
    });
    expect(problem.errors.map((e) => e.path).sort()).toEqual(['amount', 'label']);
  });

  it('answers malformed JSON with a 400 problem, not a stack trace', async () => {
    const response = await fetch(`${base}/api/v1/fixture/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"label": "x", ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await response.text();
    expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await fetch(`${base}/api/v1/no-such-thing`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 404,
      instance: expect.stringMatching(/^urn:arbor:request:/),
    });
  });

  it('publishes an OpenAPI 3.1 document built from the routes and a docs page that loads offline', async () => {
    const document = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths['/api/v1/health']?.['get']?.responses ?? {})).toEqual([
      '200',
      '429',
      '503',
    ]);
    const page = await fetch(`${base}/api/docs`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    for (const asset of html.match(/\/api\/docs\/[\w.-]+\.(js|css)/g) ?? []) {
      const response = await fetch(`${base}${asset}`);
      expect([asset, response.status]).toEqual([asset, 200]);
    }
  });

  it('maps a service that does not answer within the timeout to a 503 problem, naming no service', async () => {
    // SIGTERM, as Kubernetes stops a pod: the service must exit cleanly.
    expect(await service?.stop()).toEqual({ code: 0, signal: null });
    service = null;
    try {
      const started = Date.now();
      const response = await fetch(`${base}/api/v1/health`);
      expect(Date.now() - started).toBeLessThan(1000 + 2000);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('retry-after')).toBe('5');
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({
        type: 'urn:arbor:problem:service_unavailable',
        status: 503,
        retryAfterSeconds: 5,
      });
      expect(text).not.toContain(SERVICE);
    } finally {
      await startServiceEnablement();
    }
    expect((await fetch(`${base}/api/v1/health`)).status).toBe(200);
  });

  it('counts requests by route template and status for /metrics', async () => {
    await fetch(`${base}/api/v1/health`);
    await fetch(`${base}/api/v1/no-such-thing/0190b1a2-7c1e-7d3f-8a2b-123456789abc`);
    const text = await registry.getSingleMetricAsString('arbor_http_requests_total');
    expect(text).toMatch(
      /arbor_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} \d+/,
    );
    expect(text).toMatch(/route="unmatched",status="404"/);
    expect(text).not.toContain('0190b1a2');
  });

  it('limits each client’s request rate with a 429 problem', async () => {
    const limited = await createGatewayApp(
      config({ rateLimitPerMinute: 3, rateLimitNamespace: `${namespace}-limited` }),
    );
    try {
      const url = await listen(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await fetch(`${url}/api/openapi.json`)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const response = await fetch(`${url}/api/openapi.json`);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ type: 'urn:arbor:problem:rate_limited', status: 429 });
    } finally {
      await limited.close();
    }
  });
});
