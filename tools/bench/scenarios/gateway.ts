import { Controller, Get, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
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
/** The web app's origin as the bench gateway is configured: refresh requests must come from it. */
export const WEB_ORIGIN = 'http://localhost:3000';
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

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface HttpOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/** The real gateway listening on 127.0.0.1, and one keep-alive connection to it. */
export interface ListeningGateway {
  readonly gateway: GatewayApp;
  readonly port: number;
  /** One request over the keep-alive connection; any status is an answer. */
  call(path: string, options?: HttpOptions): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/**
 * The real gateway (`createGatewayApp`: Fastify, helmet, rate limit, request-id and trace hooks,
 * auth guard, problem+json filter) on 127.0.0.1, port 0, asking `services` over the bus, with
 * bench-only feature `modules` mounted beside the built-in routes. Requests go over one keep-alive
 * connection.
 */
export async function listenGateway(options: {
  rabbitmqUrl: string;
  redisUrl: string;
  namespace: string;
  rpcTimeoutMs: number;
  services: string[];
  modules: Array<Type | DynamicModule>;
}): Promise<ListeningGateway> {
  const config: GatewayConfig = {
    port: 0,
    host: '127.0.0.1',
    opsPort: 0,
    rabbitmqUrl: options.rabbitmqUrl,
    busNamespace: options.namespace,
    rpcTimeoutMs: options.rpcTimeoutMs,
    logLevel: 'silent',
    services: options.services,
    rateLimitPerMinute: 100_000_000,
    signInRateLimitPerMinute: 100_000_000,
    redisUrl: options.redisUrl,
    rateLimitNamespace: options.namespace,
    webOrigins: [WEB_ORIGIN],
    trustProxy: false,
  };
  const gateway = await createGatewayApp(config, {
    logger: createLogger('gateway', 'silent'),
    modules: options.modules,
  });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = gateway.app.getHttpServer().address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    gateway,
    port,
    call: (path, callOptions = {}) => httpRequest(agent, port, path, callOptions),
    async close() {
      agent.destroy();
      await gateway.close();
    },
  };
}

export interface RunningGateway {
  readonly gateway: GatewayApp;
  readonly health: Call;
  readonly echo: Call;
  close(): Promise<void>;
}

/** The gateway with the fixture service as its only service and the bench echo route mounted. */
export async function startGateway(world: {
  rabbitmqUrl: string;
  redisUrl: string;
  namespace: string;
  rpcTimeoutMs: number;
}): Promise<RunningGateway> {
  const listening = await listenGateway({
    ...world,
    services: [FIXTURE_SERVICE],
    modules: [BenchEchoModule],
  });
  const get =
    (path: string): Call =>
    async () =>
      expectStatus(await listening.call(path), 200, `GET ${path}`);
  return {
    gateway: listening.gateway,
    health: get(HEALTH_PATH),
    echo: get(ECHO_PATH),
    close: () => listening.close(),
  };
}

/** The answer's body if it has the expected status; else an error naming the request. */
export function expectStatus(answer: HttpAnswer, status: number, what: string): string {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}: ${answer.body}`);
  return answer.body;
}

/** Plain `node:http` (only to 127.0.0.1): a JSON body if given, the whole answer as text. */
export function httpRequest(
  agent: Agent | undefined,
  port: number,
  path: string,
  { method = 'GET', headers = {}, body }: HttpOptions = {},
): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method,
        headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
