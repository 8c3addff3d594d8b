import path from 'node:path';
import amqp from 'amqplib';
import { generate } from 'otplib';
import {
  AcceptInvitation,
  ArborError,
  CreatePractice,
  InviteStaff,
  Login,
  type Actor,
  type EventEnvelope,
  type RequestOrigin,
  type SessionActor,
  type SessionView,
} from '@arbor/contracts';
import { newKeyEncryptionKey } from '@arbor/crypto';
import { createTestDatabase, type TestDatabase } from '@arbor/database';
import {
  BusClient,
  busTopology,
  deleteBusNamespace,
  startService,
  type RunningService,
} from '@arbor/messaging';
import { eventually, testServices, uniqueBusNamespace } from '@arbor/testing';
import type { Clock } from '../src/clock';
import { loadIdentityConfig, SERVICE_NAME, type IdentityConfig } from '../src/identity.config';
import { IdentityModule } from '../src/identity.module';

const MIGRATIONS = path.join(__dirname, '..', 'migrations');

/** Time that moves only when a test says so: timeouts are tested without waiting for them. */
export class TestClock implements Clock {
  private current: number;

  constructor(start = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Every event identity published on the bus, as a consumer of `identity.#` sees it. */
export class EventTap {
  readonly events: EventEnvelope<Record<string, unknown>>[] = [];

  private constructor(private readonly connection: amqp.ChannelModel) {}

  static async open(rabbitmqUrl: string, namespace: string): Promise<EventTap> {
    const connection = await amqp.connect(rabbitmqUrl);
    const tap = new EventTap(connection);
    const channel = await connection.createChannel();
    const exchange = busTopology(namespace).eventsExchange;
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, 'identity.#');
    await channel.consume(
      queue,
      (message) => {
        // The relay publishes what NestJS's RMQ server reads: {pattern, data: envelope}.
        if (!message) return;
        const { data } = JSON.parse(message.content.toString()) as {
          data: EventEnvelope<Record<string, unknown>>;
        };
        tap.events.push(data);
      },
      { noAck: true },
    );
    return tap;
  }

  /** Waits for an event of this type whose data matches. */
  async next(type: string, matches: (data: Record<string, unknown>) => boolean = () => true) {
    return eventually(() => {
      const found = this.events.find((event) => event.type === type && matches(event.data));
      if (!found) throw new Error(`no ${type} event yet (saw ${this.events.map((e) => e.type).join(', ')})`);
      return found;
    });
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export interface IdentityWorld {
  readonly database: TestDatabase;
  readonly bus: BusClient;
  readonly clock: TestClock;
  readonly config: IdentityConfig;
  readonly service: RunningService;
  readonly events: EventTap;
  teardown(): Promise<void>;
}

/**
 * The identity service started in this process, as main.ts starts it, on a throwaway database
 * and a bus namespace of its own; tests talk to it through the bus only.
 */
export async function createIdentityWorld(
  label: string,
  overrides: Partial<IdentityConfig> = {},
): Promise<IdentityWorld> {
  const services = testServices();
  const database = await createTestDatabase(services.postgresUrl, `identity_${label}`, MIGRATIONS);
  const namespace = uniqueBusNamespace(`identity-${label}`);
  const config: IdentityConfig = {
    ...loadIdentityConfig({ ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `test1:${newKeyEncryptionKey()}` }),
    databaseUrl: database.url,
    rabbitmqUrl: services.rabbitmqUrl,
    busNamespace: namespace,
    opsPort: 0,
    logLevel: 'silent',
    rpcTimeoutMs: 10_000,
    webOrigin: 'https://app.arbor.test',
    ...overrides,
  };
  const clock = new TestClock();
  const events = await EventTap.open(services.rabbitmqUrl, namespace);
  const service = await startService({
    service: SERVICE_NAME,
    module: IdentityModule.forRoot(config, { clock }),
    config,
  });
  const bus = new BusClient({ url: services.rabbitmqUrl, namespace, defaultTimeoutMs: 10_000 });
  return {
    database,
    bus,
    clock,
    config,
    service,
    events,
    async teardown() {
      await service.stop();
      await bus.close();
      await events.close();
      await deleteBusNamespace(services.rabbitmqUrl, namespace, [SERVICE_NAME]);
      await database.drop();
    },
  };
}

let addresses = 0;
/** A request origin with an address no other test uses, so address lockouts stay per test. */
export function freshOrigin(): RequestOrigin {
  addresses += 1;
  return { ip: `198.51.${Math.floor(addresses / 250)}.${addresses % 250}`, userAgent: 'identity-tests' };
}

let people = 0;
export function uniqueEmail(name = 'person'): string {
  people += 1;
  return `${name}.${people}.${Date.now().toString(36)}@example.org`;
}

export const PASSWORD = 'a long and uncommon passphrase';

/** Signs up a practice and logs its Admin in (acting as Provider, the default). */
export async function signUpAndLogin(world: IdentityWorld, email = uniqueEmail('founder')) {
  const created = await world.bus.send(CreatePractice, {
    practiceName: 'Riverside Counselling',
    admin: { name: 'Ana Founder', email, password: PASSWORD },
    origin: freshOrigin(),
  });
  const session = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
  return { ...created, email, session };
}

/** The actor the gateway would pass on for this session (from its access token). */
export function actorOf(session: SessionView, role = session.memberships[0]!.activeRole): SessionActor {
  const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString()) as {
    sub: string;
    sid: string;
    pid: string;
  };
  return { userId: claims.sub, sessionId: claims.sid, practiceId: claims.pid, role };
}

/** The token from an invitation URL. */
export function tokenOf(inviteUrl: string): string {
  return inviteUrl.split('/').pop()!;
}

/** Invites a staff member and has them accept with a new account; answers their login. */
export async function addStaff(
  world: IdentityWorld,
  admin: SessionActor,
  roles: ('admin' | 'provider')[],
  email = uniqueEmail('staff'),
) {
  const { inviteUrl } = await world.bus.send(InviteStaff, {
    actor: { userId: admin.userId, practiceId: admin.practiceId, role: 'admin' },
    name: 'Sam Staff',
    email,
    roles,
  });
  const accepted = await world.bus.send(AcceptInvitation, {
    token: tokenOf(inviteUrl),
    password: PASSWORD,
    origin: freshOrigin(),
  });
  const session = await world.bus.send(Login, { email, password: PASSWORD, origin: freshOrigin() });
  return { ...accepted, email, session };
}

/** A TOTP code for the world's clock, `steps` time steps ahead (each step's code works once). */
export function totpAt(world: IdentityWorld, secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(world.clock.now().getTime() / 1000) + steps * 30 });
}

/** The typed error a call failed with; fails the test if it succeeded or threw something else. */
export async function failure(promise: Promise<unknown>): Promise<ArborError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ArborError)) throw new Error(`expected an ArborError, got ${String(error)}`);
  return error;
}

/** The same person acting in another role (for commands that take an `Actor`). */
export const asRole = (actor: SessionActor, role: Actor['role']): Actor => ({
  userId: actor.userId,
  practiceId: actor.practiceId,
  role,
});
