import type { DynamicModule, Type } from '@nestjs/common';
import { assertAuditLogAppendOnly } from '@arbor/audit';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import { JobQueue } from '@arbor/jobs';
import {
  BusClient,
  deleteBusNamespace,
  inbox,
  startService,
  type RunningService,
  type ServiceHostConfig,
  type ServiceHostOptions,
  type ServiceJobsConfig,
} from '@arbor/messaging';
import { eventually, TestClock, testServices, uniqueBusNamespace, type TestServices } from '@arbor/testing';
import { EventTap } from './event-tap';

export interface ServiceWorldOptions<C extends ServiceHostConfig> {
  /** The service's name, as in `apps/<service>`: its queues and its bus consumer. */
  readonly service: string;
  /** The service's migrations folder: the world's database is migrated with it first. */
  readonly migrations: string;
  /** Tells this world's database and bus namespace apart from others' (default: the service). */
  readonly label?: string;
  /**
   * The service's whole config, from the world's host config (its database, namespace, silent
   * logs, ops port 0). Default: the host config as it is.
   */
  readonly config?: (host: ServiceHostConfig) => C;
  /** The service's root module, built as main.ts builds it, with the world's clock as its Clock. */
  readonly module: (context: { readonly config: C; readonly clock: TestClock }) => Type | DynamicModule;
  /** Routing keys the event tap listens to (`identity.#`); default every event in the namespace. */
  readonly tap?: readonly string[];
  /** Where the test clock starts (default: now). */
  readonly clockStart?: Date;
  /** How long the world's bus client waits for an answer (default 10 s). */
  readonly rpcTimeoutMs?: number;
  /** Extra readiness checks, as `startService` takes them. */
  readonly checks?: ServiceHostOptions['checks'];
  /**
   * The service runs background jobs (libs/jobs): its queue and worker on the test Redis, under
   * the world's namespace, emptied on close. `true`, or worker settings (concurrency, grace…).
   */
  readonly jobs?: true | Partial<Omit<ServiceJobsConfig, 'redisUrl'>>;
}

/** One service, really running, and everything a test needs around it. */
export interface ServiceWorld<C extends ServiceHostConfig = ServiceHostConfig> {
  /** The service's own database (a throwaway `arbor_test_…`), for asserting what it wrote. */
  readonly database: TestDatabase;
  /** Talks to the service the way the gateway and other services do: over RabbitMQ. */
  readonly bus: BusClient;
  /** The service's Clock: time moves when the test moves it. */
  readonly clock: TestClock;
  /** Every event published in the world's namespace; also publishes events for faked services. */
  readonly events: EventTap;
  readonly service: RunningService;
  readonly config: C;
  readonly namespace: string;
  readonly servers: TestServices;
  /**
   * Waits until the service has taken the event (its inbox holds it: applied, or deliberately
   * skipped) and answers how many of its handlers did.
   */
  handled(eventId: string): Promise<number>;
  /** Stops the service and removes everything the world made: queues, exchanges, database. */
  close(): Promise<void>;
}

/**
 * The service started in this process exactly as its main.ts starts it (`startService`), on a
 * database and a bus namespace nobody else uses, with a test clock injected as its Clock. Tests
 * talk to it through the bus only, and read its database to check what it stored.
 *
 * ```ts
 * const world = await createServiceWorld({
 *   service: SERVICE_NAME,
 *   migrations: path.join(__dirname, '../../migrations'),
 *   module: ({ clock }) => NotesModule.forRoot({ clock }),
 * });
 * afterAll(() => world.close());
 * ```
 */
export async function createServiceWorld<C extends ServiceHostConfig = ServiceHostConfig>(
  options: ServiceWorldOptions<C>,
): Promise<ServiceWorld<C>> {
  const servers = testServices();
  const label = options.label ?? options.service;
  const namespace = uniqueBusNamespace(label);
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    const failures: unknown[] = [];
    // Last made, first undone; every step runs even when one before it failed.
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw new AggregateError(failures, 'the service world did not close cleanly');
  };
  try {
    const database = await createTestDatabase(servers.postgresUrl, label, options.migrations);
    cleanups.push(() => database.drop());
    cleanups.push(() => deleteBusNamespace(servers.rabbitmqUrl, namespace, [options.service]));
    await assertAuditLogAppendOnly(database.db);
    const host: ServiceHostConfig = {
      databaseUrl: database.url,
      rabbitmqUrl: servers.rabbitmqUrl,
      busNamespace: namespace,
      opsPort: 0,
      logLevel: 'silent',
      rpcTimeoutMs: options.rpcTimeoutMs ?? 10_000,
    };
    const config = options.config ? options.config(host) : (host as C);
    const clock = new TestClock(options.clockStart);
    const events = await EventTap.open(servers.rabbitmqUrl, namespace, options.tap);
    cleanups.push(() => events.close());
    if (options.jobs) {
      // Jobs live in Redis under the namespace; whatever a test left there goes with the world.
      cleanups.push(async () => {
        const queue = new JobQueue({ service: options.service, redisUrl: servers.redisUrl, namespace });
        try {
          await queue.bull.obliterate({ force: true });
        } finally {
          await queue.close();
        }
      });
    }
    const service = await startService({
      service: options.service,
      module: options.module({ config, clock }),
      config,
      ...(options.checks ? { checks: options.checks } : {}),
      ...(options.jobs
        ? { jobs: { ...(options.jobs === true ? {} : options.jobs), redisUrl: servers.redisUrl } }
        : {}),
    });
    cleanups.push(() => service.stop());
    const bus = new BusClient({
      url: servers.rabbitmqUrl,
      namespace,
      defaultTimeoutMs: options.rpcTimeoutMs ?? 10_000,
    });
    cleanups.push(() => bus.close());
    const handled = (eventId: string) =>
      eventually(async () => {
        const rows = await database.db.select().from(inbox).where(eq(inbox.eventId, eventId));
        if (rows.length === 0) throw new Error(`event ${eventId} not handled yet`);
        return rows.length;
      });
    return { database, bus, clock, events, service, config, namespace, servers, handled, close };
  } catch (error) {
    await close().catch(() => undefined); // the reason it failed to start matters more
    throw error;
  }
}
