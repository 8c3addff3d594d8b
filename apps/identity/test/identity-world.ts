import path from 'node:path';
import { generate } from 'otplib';
import {
  AcceptInvitation,
  ArborError,
  CreatePractice,
  InviteStaff,
  Login,
  type Actor,
  type RequestOrigin,
  type SessionActor,
  type SessionView,
} from '@arbor/contracts';
import { newKeyEncryptionKey } from '@arbor/crypto';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { loadIdentityConfig, SERVICE_NAME, type IdentityConfig } from '../src/identity.config';
import { IdentityModule } from '../src/identity.module';

const MIGRATIONS = path.join(__dirname, '..', 'migrations');

export type IdentityWorld = ServiceWorld<IdentityConfig>;

/**
 * The identity service on the shared service world (libs/service-testing): started in this
 * process as main.ts starts it, on a throwaway database and bus namespace, with a test clock as
 * its Clock and a tap on the events it publishes. Tests talk to it through the bus only.
 */
export function createIdentityWorld(
  label: string,
  overrides: Partial<IdentityConfig> = {},
): Promise<IdentityWorld> {
  return createServiceWorld<IdentityConfig>({
    service: SERVICE_NAME,
    label: `identity_${label}`,
    migrations: MIGRATIONS,
    tap: ['identity.#'],
    config: (host) => ({
      ...loadIdentityConfig({ ARBOR_IDENTITY_KEY_ENCRYPTION_KEYS: `test1:${newKeyEncryptionKey()}` }),
      ...host,
      webOrigin: 'https://app.arbor.test',
      ...overrides,
    }),
    module: ({ config, clock }) => IdentityModule.forRoot(config, { clock }),
  });
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
