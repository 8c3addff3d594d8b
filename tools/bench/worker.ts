// One scenario of `npm run bench`, in a process of its own: its server side and its client side
// together, so process-wide state (AsyncLocalStorage hooks, JIT, heap) never leaks between
// scenarios. Driven by main.ts over IPC; exits by itself once it has answered.
import 'reflect-metadata';
import { CheckReadiness, Login, RefreshSession } from '@arbor/contracts';
import { connectDatabase } from '@arbor/database';
import { BusClient, startService, type RunningService } from '@arbor/messaging';
import type { WorkerReply, WorkerResult, WorkerTask, World } from './protocol';
import {
  argon2Verifier,
  login,
  measureVerification,
  refresher,
  signUp,
  startIdentityGateway,
  withHandlerTime,
} from './scenarios/auth';
import { measureBilling } from './scenarios/billing';
import { measureNotes } from './scenarios/notes';
import { measureWeb } from './scenarios/web';
import { outboxThroughput, rawDatabaseEventThroughput, rawEventThroughput } from './scenarios/events';
import { startGateway } from './scenarios/gateway';
import { startNestRpc } from './scenarios/nest-rpc';
import { startRawRpc } from './scenarios/raw-rpc';
import { concurrent, sequential, type Call } from './stats';
import { EchoItem, FIXTURE_SERVICE, FixtureModule } from './targets';

type Closer = () => Promise<unknown>;

function startFixture(world: World): Promise<RunningService> {
  return startService({
    service: FIXTURE_SERVICE,
    module: FixtureModule,
    config: {
      databaseUrl: world.databaseUrl,
      rabbitmqUrl: world.rabbitmqUrl,
      busNamespace: world.namespace,
      opsPort: 0,
      logLevel: 'silent',
      rpcTimeoutMs: world.rpcTimeoutMs,
    },
  });
}

/** Starts what the scenario needs; `closers` receives how to stop it, last-first. */
async function rpcCall(task: Extract<WorkerTask, { kind: 'rpc' }>, closers: Closer[]): Promise<Call> {
  const { world } = task;
  switch (task.scenario) {
    case 'a1':
    case 'a2': {
      const service = await startFixture(world);
      closers.push(() => service.stop());
      const gateway = await startGateway(world);
      closers.push(() => gateway.close());
      return task.scenario === 'a1' ? gateway.health : gateway.echo;
    }
    case 'a0':
    case 'b': {
      const service = await startFixture(world);
      closers.push(() => service.stop());
      const bus = new BusClient({
        url: world.rabbitmqUrl,
        namespace: world.namespace,
        defaultTimeoutMs: world.rpcTimeoutMs,
      });
      closers.push(() => bus.close());
      const echo = { label: 'bench', quantity: 1 };
      return task.scenario === 'b'
        ? () => bus.send(EchoItem, echo)
        : () => bus.send(CheckReadiness, {}, { to: FIXTURE_SERVICE });
    }
    case 'c': {
      const nest = await startNestRpc(world.rabbitmqUrl, world.queues.nest, world.rpcTimeoutMs);
      closers.push(() => nest.close());
      return nest.call;
    }
    case 'd': {
      const raw = await startRawRpc(world.rabbitmqUrl, world.queues.raw, world.rpcTimeoutMs);
      closers.push(() => raw.close());
      return raw.call;
    }
  }
}

/** Sign-in and tokens through the gateway in front of the identity process main.ts started. */
async function authRun(
  task: Extract<WorkerTask, { kind: 'auth' }>,
  closers: Closer[],
): Promise<WorkerResult> {
  const measure = async (call: Call): Promise<number[]> => {
    await sequential(call, task.warmup, task.budgetMs.warmup);
    return sequential(call, task.sequential, task.budgetMs.sequential);
  };
  /** Measured, with the time identity's handler of `pattern` spent meanwhile. */
  const measureWithHandler = async (pattern: string, call: Call): Promise<WorkerResult> => {
    await sequential(call, task.warmup, task.budgetMs.warmup);
    const { result, handlerMs, handled } = await withHandlerTime(task.identityOpsPort, pattern, () =>
      sequential(call, task.sequential, task.budgetMs.sequential),
    );
    return { kind: 'auth', sequential: result, handler: { ms: handlerMs, requests: handled } };
  };
  if (task.scenario === 'argon2') {
    return { kind: 'auth', sequential: await measure(await argon2Verifier()), handler: null };
  }
  const gateway = await startIdentityGateway(task.world);
  closers.push(() => gateway.close());
  switch (task.scenario) {
    case 'login': {
      const account = await signUp(gateway);
      return measureWithHandler(Login.pattern, () => login(gateway, account));
    }
    case 'refresh':
      return measureWithHandler(
        RefreshSession.pattern,
        refresher(gateway, await login(gateway, await signUp(gateway))),
      );
    case 'verification':
      return {
        kind: 'verification',
        run: await measureVerification(gateway, {
          opsPort: task.identityOpsPort,
          warmup: task.warmup,
          perRoute: task.sequential,
          budgetMs: task.budgetMs,
        }),
      };
  }
}

async function run(task: WorkerTask, closers: Closer[]): Promise<WorkerResult> {
  switch (task.kind) {
    case 'rpc': {
      const call = await rpcCall(task, closers);
      await sequential(call, task.warmup, task.budgetMs.warmup);
      const samples = await sequential(call, task.sequential, task.budgetMs.sequential);
      let burst = null;
      if (task.concurrent) {
        await concurrent(call, task.warmup * 4, task.concurrent.inFlight);
        burst = await concurrent(call, task.concurrent.total, task.concurrent.inFlight);
      }
      return { kind: 'rpc', sequential: samples, concurrent: burst };
    }
    case 'auth':
      return authRun(task, closers);
    case 'notes':
      return { kind: 'notes', run: await measureNotes(task.world, task.plan) };
    case 'web':
      return { kind: 'web', run: await measureWeb(task.world, task.plan) };
    case 'billing':
      return { kind: 'billing', run: await measureBilling(task.world, task.plan) };
    case 'outbox': {
      const service = await startFixture(task.world);
      closers.push(() => service.stop());
      const database = connectDatabase(task.world.databaseUrl, { max: task.writers + 1 });
      closers.push(() => database.close());
      const result = await outboxThroughput(database, task);
      return { kind: 'events', run: result };
    }
    case 'raw-events':
      return {
        kind: 'events',
        run: await rawEventThroughput(task.world.rabbitmqUrl, task.world.queues.rawEvents, task),
      };
    case 'raw-db-events':
      return {
        kind: 'events',
        run: await rawDatabaseEventThroughput(
          task.world.rabbitmqUrl,
          task.world.queues.rawDatabaseEvents,
          task.world.databaseUrl,
          task,
        ),
      };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function reply(message: WorkerReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => resolve());
  });
}

process.once('message', (task: WorkerTask) => {
  const closers: Closer[] = [];
  void (async () => {
    let answer: WorkerReply;
    try {
      answer = { ok: true, result: await run(task, closers) };
    } catch (error) {
      answer = { ok: false, error: describe(error) };
    }
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        if (answer.ok) answer = { ok: false, error: `cleanup failed: ${describe(error)}` };
      }
    }
    await reply(answer);
    process.disconnect();
    // Everything is closed; should a library still hold a handle, do not linger on it.
    setTimeout(() => process.exit(0), 5000).unref();
  })();
});
// A broker connection closed under us surfaces as an error nobody awaits: report it and stop.
process.on('unhandledRejection', (reason) => {
  void reply({ ok: false, error: `unhandled rejection: ${describe(reason)}` }).finally(() => process.exit(1));
});
