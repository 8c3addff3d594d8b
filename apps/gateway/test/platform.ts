import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { expect } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { BusClient, deleteBusNamespace } from '@arbor/messaging';
import {
  eventually,
  runAppOnce,
  startAppProcess,
  testServices,
  uniqueBusNamespace,
  type AppProcess,
} from '@arbor/testing';
import { CheckReadiness } from '@arbor/contracts';
import { createGatewayApp, type GatewayApp } from '../src/gateway.app';
import type { GatewayConfig } from '../src/gateway.config';
import { routeTableOf, type RouteTableEntry } from '../src/openapi/route-table';
import { contractChecker } from './contract-check';
import { apiClient, WEB_ORIGIN, type Client } from './identity-helpers';

export type ServiceName =
  | 'identity'
  | 'service-enablement'
  | 'payments'
  | 'client-records'
  | 'notes'
  | 'notifications'
  | 'invoicing'
  | 'directory';

/**
 * The platform as a test runs it: each named service as a built app in its own process, on its
 * own throwaway database, migrated by its own migrate step; the gateway in this process (so a
 * test can mount fixture routes); one bus namespace for all of them.
 */
export interface Platform {
  readonly api: Client;
  readonly bus: BusClient;
  readonly kek: Buffer;
  /** The bus namespace every process of this platform shares (for an EventTap on its events). */
  readonly namespace: string;
  readonly databases: Record<ServiceName, TestDatabase | undefined>;
  /** The gateway's configuration, for a test that starts more gateways beside it. */
  readonly gatewayConfig: GatewayConfig;
  /** Every route the running gateway serves, with its contract (fixture routes have none). */
  readonly routes: RouteTableEntry[];
  /**
   * Where a browser opens the web app: the gateway's own URL when started with `web: true` (it
   * then serves dist/web, and invitation links point here); else the web origin the API tests
   * send, where nothing answers.
   */
  readonly webOrigin: string;
  /** The processor sandbox payments talks to (when payments runs), for its control API. */
  readonly sandboxUrl: string | undefined;
  /** Everything the service's current process has logged so far (stdout and stderr). */
  output(service: ServiceName): string;
  /** The service's Prometheus metrics, from its ops port (which its start-up log names). */
  metrics(service: ServiceName): Promise<string>;
  stop(service: ServiceName): Promise<void>;
  /** SIGKILL: the process dies at once, with nothing flushed, committed or acknowledged. */
  kill(service: ServiceName): Promise<void>;
  start(service: ServiceName): Promise<void>;
  close(): Promise<void>;
}

const envPrefix = (service: ServiceName) => service.toUpperCase().replace(/-/g, '_');

export interface PlatformOptions {
  modules?: Array<Type | DynamicModule>;
  /**
   * The gateway serves the built web app (dist/web) on its own URL, as in production: a browser
   * needs the web origin to be the gateway's, so the port is chosen before anything starts, and
   * that origin is the gateway's allowed web origin and identity's invitation-link origin.
   */
  web?: boolean;
  /** More environment for a service's processes (e.g. a shorter payment recovery delay). */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
}

/** The built web app, as `vite build --config apps/web/vite.config.mts` writes it. */
export const WEB_ROOT = path.resolve(__dirname, '../../../dist/web');

export async function startPlatform(
  label: string,
  services: ServiceName[],
  options: PlatformOptions = {},
): Promise<Platform> {
  const urls = testServices();
  const webPort = options.web ? await freePort() : 0;
  const webOrigin = options.web ? `http://127.0.0.1:${webPort}` : WEB_ORIGIN;
  const namespace = uniqueBusNamespace(label);
  const kek = randomBytes(32);
  const searchKey = randomBytes(32);
  const databases = {} as Record<ServiceName, TestDatabase | undefined>;
  const processes = new Map<ServiceName, AppProcess>();

  const envFor = (service: ServiceName): Record<string, string> => ({
    [`ARBOR_${envPrefix(service)}_DATABASE_URL`]: databases[service]!.url,
    [`ARBOR_${envPrefix(service)}_OPS_PORT`]: '0',
    ARBOR_RABBITMQ_URL: urls.rabbitmqUrl,
    ARBOR_BUS_NAMESPACE: namespace,
    // `info` logs start-up (with the ops port `metrics` reads) and stop, not requests.
    ARBOR_LOG_LEVEL: 'info',
    ...(service === 'identity'
      ? {
          ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `t1:${kek.toString('base64')}`,
          ARBOR_WEB_ORIGIN: webOrigin,
        }
      : {}),
    ...(service === 'payments'
      ? {
          ARBOR_PAYMENTS_KEY_ENCRYPTION_KEYS: `t1:${kek.toString('base64')}`,
          ARBOR_PAYMENTS_PROCESSOR_SANDBOX_URL: sandbox!.url,
          // The payment recovery job's queue.
          ARBOR_PAYMENTS_REDIS_URL: urls.redisUrl,
        }
      : {}),
    ...(service === 'client-records'
      ? {
          ARBOR_CLIENT_RECORDS_KEY_ENCRYPTION_KEYS: `t1:${kek.toString('base64')}`,
          ARBOR_CLIENT_RECORDS_SEARCH_KEY: searchKey.toString('base64'),
        }
      : {}),
    ...(service === 'notes' ? { ARBOR_NOTES_KEY_ENCRYPTION_KEYS: `t1:${kek.toString('base64')}` } : {}),
    ...(service === 'notifications'
      ? {
          // Its email jobs live in Redis; no mail server listens here, so one try and no retries.
          ARBOR_NOTIFICATIONS_REDIS_URL: urls.redisUrl,
          ARBOR_NOTIFICATIONS_WEB_ORIGIN: webOrigin,
          ARBOR_NOTIFICATIONS_EMAIL_ATTEMPTS: '1',
        }
      : {}),
    // Its background jobs (settling payments whose answer was not known) live in Redis.
    ...(service === 'invoicing' ? { ARBOR_INVOICING_REDIS_URL: urls.redisUrl } : {}),
    ...options.env?.[service],
  });

  // Payments talks to processors: here, to the processor sandbox in a process of its own.
  const sandbox = services.includes('payments') ? await startSandbox() : undefined;

  for (const service of services) {
    databases[service] = await createTestDatabase(urls.postgresUrl, `${label}_${service}`);
    await runAppOnce(service, 'migrate', envFor(service));
  }
  const gatewayConfig: GatewayConfig = {
    port: 0,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl: urls.rabbitmqUrl,
    busNamespace: namespace,
    rpcTimeoutMs: 5000,
    logLevel: 'silent',
    services,
    rateLimitPerMinute: 100_000,
    signInRateLimitPerMinute: 100_000,
    redisUrl: urls.redisUrl,
    rateLimitNamespace: namespace,
    // The API helpers send WEB_ORIGIN whatever the platform; a browser sends the gateway's own.
    webOrigins: options.web ? [webOrigin, WEB_ORIGIN] : [WEB_ORIGIN],
    // The payment page loads the sandbox's look-alikes of the processors' scripts (payments names them).
    ...(sandbox ? { paymentOrigins: [sandbox.url] } : {}),
    trustProxy: true,
    ...(options.web ? { webRoot: WEB_ROOT } : {}),
  };
  const gateway: GatewayApp = await createGatewayApp(gatewayConfig, { modules: options.modules ?? [] });
  await gateway.app.listen({ port: webPort, host: '127.0.0.1' });
  // The routes as the running gateway mounted them: the same contracts its OpenAPI document shows.
  const routes = routeTableOf(gateway.app);
  const api = apiClient(
    (await gateway.app.getUrl()).replace('[::1]', '127.0.0.1'),
    contractChecker(routes.flatMap((route) => (route.contract ? [route.contract] : []))),
  );
  const bus = new BusClient({ url: urls.rabbitmqUrl, namespace });

  const platform: Platform = {
    api,
    bus,
    kek,
    namespace,
    databases,
    gatewayConfig,
    routes,
    webOrigin,
    sandboxUrl: sandbox?.url,
    output: (service) => processes.get(service)?.output() ?? '',
    async start(service) {
      const running = startAppProcess(service, envFor(service));
      processes.set(service, running);
      await eventually(
        async () => {
          if (running.child.exitCode !== null) throw new Error(`${service} exited:\n${running.output()}`);
          expect((await bus.send(CheckReadiness, {}, { to: service, timeoutMs: 1000 })).ready).toBe(true);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    },
    async metrics(service) {
      const output = processes.get(service)?.output() ?? '';
      const line = output.split('\n').find((candidate) => candidate.includes('ops server listening'));
      const port = line ? (JSON.parse(line) as { port?: number }).port : undefined;
      if (!port) throw new Error(`${service} has not logged its ops port:\n${output}`);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      return response.text();
    },
    async stop(service) {
      await processes.get(service)?.stop();
      processes.delete(service);
    },
    async kill(service) {
      await processes.get(service)?.stop('SIGKILL');
      processes.delete(service);
    },
    async close() {
      sandbox?.child.kill('SIGTERM');
      await bus.close();
      await gateway.close();
      await Promise.all([...processes.keys()].map((service) => platform.stop(service)));
      await deleteBusNamespace(urls.rabbitmqUrl, namespace, services);
      for (const database of Object.values(databases)) await database?.drop();
    },
  };
  for (const service of services) await platform.start(service);
  return platform;
}

/** A port nothing listens on now (the gateway takes it a moment later; nothing else here binds ports by number). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** The processor sandbox as `npm start` runs it: its CLI, on a free port it reports. */
async function startSandbox(): Promise<{ url: string; child: ChildProcess }> {
  const root = path.resolve(__dirname, '../../..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/processor-sandbox/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env['PATH'] ?? '',
      ARBOR_SANDBOX_PORT: '0',
      SWC_NODE_PROJECT: 'tools/processor-sandbox/tsconfig.json',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`processor sandbox exited (${code}): ${output}`)));
  });
  return { url, child };
}
