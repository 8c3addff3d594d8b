import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from 'pino';

export type DependencyCheck = () => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { state: 'up' | 'down'; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

/** Runs every named check (each bounded by a timeout) and says which dependency is down. */
export async function checkReadiness(checks: Record<string, DependencyCheck>): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
              CHECK_TIMEOUT_MS,
            );
          }),
        ]);
        return [name, { state: 'up' as const }] as const;
      } catch (error) {
        return [
          name,
          { state: 'down' as const, error: error instanceof Error ? error.message : String(error) },
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const report: ReadinessReport['checks'] = {};
  for (const [name, result] of entries) report[name] = result;
  return { ready: entries.every(([, result]) => result.state === 'up'), checks: report };
}

/** One registry per process, with Node's default metrics. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The small HTTP port every app serves for probes and Prometheus, apart from its real traffic:
 * `/health/live` (the process answers), `/health/ready` (its dependencies answer) and `/metrics`.
 */
export async function startOpsServer(options: {
  port: number;
  host?: string;
  checks: Record<string, DependencyCheck>;
  registry: Registry;
  logger: Logger;
}): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: string, type = 'application/json') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    const path = new URL(request.url ?? '/', 'http://ops').pathname;
    if (request.method !== 'GET') return send(405, JSON.stringify({ error: 'method not allowed' }));
    switch (path) {
      case '/health/live':
        return send(200, JSON.stringify({ status: 'live' }));
      case '/health/ready':
        checkReadiness(options.checks).then(
          (report) => send(report.ready ? 200 : 503, JSON.stringify(report)),
          (error: unknown) => send(500, JSON.stringify({ error: String(error) })),
        );
        return;
      case '/metrics':
        options.registry.metrics().then(
          (text) => send(200, text, options.registry.contentType),
          (error: unknown) => send(500, JSON.stringify({ error: String(error) })),
        );
        return;
      default:
        return send(404, JSON.stringify({ error: 'not found' }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ port }, 'ops server listening (/health/live, /health/ready, /metrics)');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
