import { Global, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { sql } from 'drizzle-orm';
import { connectDatabase, redactUrl, type DatabaseHandle } from '@arbor/database';
import { ServiceJobs, type JobWorkerOptions } from '@arbor/jobs';
import {
  createLogger,
  createMetricsRegistry,
  NestPinoLogger,
  startOpsServer,
  type DependencyCheck,
  type Logger,
  type OpsServer,
} from '@arbor/observability';
import { ArborEventServer } from '../events/event-server';
import { registerMessagingMetrics } from '../metrics';
import { OutboxRelay } from '../events/outbox-relay';
import { BusClient } from '../rpc/bus-client';
import { setMessagingLogger } from '../rpc/rpc-context';
import { ArborRpcServer } from '../rpc/rpc-server';
import { ReadinessHandlers, type ReadinessSource } from './readiness.handlers';
import { BUS, DATABASE, LOGGER, READINESS } from './tokens';

/** What every service's config module must provide for the host to run it. */
export interface ServiceHostConfig {
  readonly databaseUrl: string;
  readonly rabbitmqUrl: string;
  readonly busNamespace: string;
  readonly opsPort: number;
  readonly logLevel: string;
  readonly rpcTimeoutMs: number;
}

export interface ServiceHostOptions {
  /** kebab-case, as in `apps/<service>` and the queue names. */
  readonly service: string;
  /** The service's own module: its handlers and use cases. */
  readonly module: Type | DynamicModule;
  readonly config: ServiceHostConfig;
  /** Extra readiness checks (a processor…) beside the database, the broker and Redis. */
  readonly checks?: Record<string, DependencyCheck>;
  /**
   * Given when the service runs background jobs (`@ProcessesJob` methods, an injected
   * `JobQueue`): its queue and worker on this Redis, started and stopped with the service,
   * Redis in its readiness, job metrics on its ops port.
   */
  readonly jobs?: ServiceJobsConfig;
}

/** Where the service's jobs live, and optionally how its worker runs them (see `JobWorkerOptions`). */
export type ServiceJobsConfig = { readonly redisUrl: string } & Partial<
  Omit<JobWorkerOptions, 'queue' | 'logger' | 'redisUrl'>
>;

export interface RunningService {
  readonly app: INestApplication;
  readonly logger: Logger;
  readonly database: DatabaseHandle;
  readonly relay: OutboxRelay;
  readonly bus: BusClient;
  readonly ops: OpsServer;
  /** The service's job queue and worker, when it runs jobs. */
  readonly jobs: ServiceJobs | null;
  stop(): Promise<void>;
}

/**
 * Starts a service the one way every Arbor service starts: its commands and queries on its RPC
 * queue, its event subscriptions on its quorum queue, its outbox relayed, probes and metrics on
 * the ops port. RabbitMQ and PostgreSQL may go away later: connections are retried, and readiness
 * says which one is missing meanwhile.
 */
export async function startService(options: ServiceHostOptions): Promise<RunningService> {
  const { service, config } = options;
  const logger = createLogger(service, config.logLevel);
  setMessagingLogger(logger);
  const database = connectDatabase(config.databaseUrl);
  const relay = new OutboxRelay({
    db: database.db,
    databaseUrl: config.databaseUrl,
    rabbitmqUrl: config.rabbitmqUrl,
    namespace: config.busNamespace,
    logger: logger.child({ component: 'outbox-relay' }),
  });
  const bus = new BusClient({
    url: config.rabbitmqUrl,
    namespace: config.busNamespace,
    defaultTimeoutMs: config.rpcTimeoutMs,
  });
  // Jobs live in Redis under the bus namespace: deployments (and test runs) sharing a Redis stay apart.
  const jobs = options.jobs
    ? new ServiceJobs({ ...options.jobs, service, namespace: config.busNamespace, logger })
    : null;
  const checks: Record<string, DependencyCheck> = {
    database: async () => {
      await database.db.execute(sql`SELECT 1`);
    },
    broker: () =>
      relay.isConnected() ? Promise.resolve() : Promise.reject(new Error('not connected to RabbitMQ')),
    ...(jobs ? { redis: jobs.check } : {}),
    ...options.checks,
  };
  const readiness: ReadinessSource = { service, checks };

  @Global()
  @Module({
    providers: [
      { provide: DATABASE, useValue: database.db },
      { provide: LOGGER, useValue: logger },
      { provide: BUS, useValue: bus },
      { provide: READINESS, useValue: readiness },
    ],
    exports: [DATABASE, LOGGER, BUS, READINESS],
  })
  class ServiceHostModule {}

  @Module({
    imports: [ServiceHostModule, ...(jobs ? [jobs.module] : []), options.module],
    controllers: [ReadinessHandlers],
  })
  class ServiceRootModule {}

  const app = await NestFactory.create(ServiceRootModule, new FastifyAdapter(), {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
  });
  app.connectMicroservice(
    { strategy: new ArborRpcServer({ url: config.rabbitmqUrl, service, namespace: config.busNamespace }) },
    { inheritAppConfig: true },
  );
  app.connectMicroservice(
    {
      strategy: new ArborEventServer({
        url: config.rabbitmqUrl,
        service,
        namespace: config.busNamespace,
        db: database.db,
        logger: logger.child({ component: 'events' }),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  relay.start();
  const registry = createMetricsRegistry(service);
  registerMessagingMetrics(registry);
  jobs?.registerMetrics(registry);
  const ops = await startOpsServer({ port: config.opsPort, checks, registry, logger });
  // After the ops port: while Redis is away at start, probes answer (and say so) meanwhile.
  await jobs?.start(app);
  logger.info(
    {
      database: redactUrl(config.databaseUrl),
      rabbitmq: redactUrl(config.rabbitmqUrl),
      namespace: config.busNamespace,
      ...(options.jobs ? { redis: redactUrl(options.jobs.redisUrl) } : {}),
    },
    `${service} started`,
  );

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info(`${service} stopping`);
      await jobs?.stopWorker(); // takes no new job; the running ones finish (or time out) first
      await app.close(); // stops consuming; in-flight handlers finish first
      await relay.stop();
      await bus.close();
      await jobs?.close(); // after the handlers that might still enqueue
      await ops.close();
      await database.close();
    })());
  return { app, logger, database, relay, bus, ops, jobs, stop };
}

/** For `main.ts`: stop cleanly on SIGTERM/SIGINT (Kubernetes, Ctrl-C). */
export function stopOnSignals(running: { stop(): Promise<void>; logger: Logger }): void {
  const handler = (signal: NodeJS.Signals) => {
    running.logger.info({ signal }, 'signal received');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
