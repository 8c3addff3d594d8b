import { Controller, Get, Inject, Module } from '@nestjs/common';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Public } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { createLogger } from '@arbor/observability';
import {
  createGatewayApp,
  EchoItem,
  FIXTURE_SERVICE,
  GATEWAY_BUS,
  type GatewayApp,
  type GatewayConfig,
} from '../targets';
import type { Call } from '../stats';

export const HEALTH_PATH = '/api/v1/health';
export const ECHO_PATH = '/bench/echo';

/**
 * Bench-only route mounted in the real gateway: HTTP in, one `EchoItem` query over the bus. Public
 * like `/api/v1/health`, so neither pays for access-token verification.
 */
@Public()
@Controller('bench')
class BenchEchoController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Get('echo')
  echo(): Promise<{ label: string; quantity: number }> {
    return this.bus.send(EchoItem, { label: 'bench', quantity: 1 });
  }
}

@Module({ controllers: [BenchEchoController] })
class BenchEchoModule {}

export interface RunningGateway {
  readonly gateway: GatewayApp;
  readonly health: Call;
  readonly echo: Call;
  close(): Promise<void>;
}

/**
 * The real gateway (`createGatewayApp`: Fastify, helmet, rate limit, request-id and trace hooks,
 * problem+json filter) on 127.0.0.1, port 0, with the fixture service as its only service and the
 * bench echo route mounted as a feature module. Requests go over one keep-alive connection.
 */
export async function startGateway(
  rabbitmqUrl: string,
  namespace: string,
  rpcTimeoutMs: number,
): Promise<RunningGateway> {
  const config: GatewayConfig = {
    port: 0,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl,
    busNamespace: namespace,
    rpcTimeoutMs,
    logLevel: 'silent',
    services: [FIXTURE_SERVICE],
    rateLimitPerMinute: 100_000_000,
    trustProxy: false,
  };
  const gateway = await createGatewayApp(config, {
    logger: createLogger('gateway', 'silent'),
    modules: [BenchEchoModule],
  });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = gateway.app.getHttpServer().address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get =
    (path: string): Call =>
    () =>
      httpGet(agent, port, path);
  return {
    gateway,
    health: get(HEALTH_PATH),
    echo: get(ECHO_PATH),
    async close() {
      agent.destroy();
      await gateway.close();
    },
  };
}

function httpGet(agent: Agent, port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`GET ${path} answered ${res.statusCode}: ${body}`));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
