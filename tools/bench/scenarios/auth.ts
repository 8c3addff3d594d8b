import { Controller, Get, Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { hash, verify } from '@node-rs/argon2';
import { ACCESS_TOKEN_VERIFIER, CurrentActor, Public, Roles, type AccessTokenVerifier } from '@arbor/auth';
import type { Actor } from '@arbor/contracts';
import type { RpcCounts, VerificationRun } from '../protocol';
import { sequential, type Call } from '../stats';
import { ARGON2_OPTIONS } from '../targets';
import {
  expectStatus,
  httpRequest,
  listenGateway,
  WEB_ORIGIN,
  type HttpAnswer,
  type ListeningGateway,
} from './gateway';

export const SIGNED_IN_PATH = '/bench/auth/signed-in';
export const PUBLIC_PATH = '/bench/auth/public';

const PUBLIC_ACTOR: Actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  practiceId: '00000000-0000-4000-8000-000000000002',
  role: 'admin',
};

/**
 * Bench-only routes mounted in the real gateway, neither calling any service: one needs a signed-in
 * Admin or Provider and answers the token's actor (like the e2e tests' `WhoAmIController`); the
 * other is the same route `@Public()`, answering an actor of the same shape without looking at
 * the token. Their difference is what verifying the access token costs.
 */
@Controller('bench/auth')
class BenchActorController {
  @Get('signed-in')
  @Roles('admin', 'provider')
  signedIn(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @Get('public')
  @Public()
  public(): Actor {
    return PUBLIC_ACTOR;
  }
}

@Module({ controllers: [BenchActorController] })
class BenchActorModule {}

export interface AuthWorld {
  readonly rabbitmqUrl: string;
  readonly redisUrl: string;
  readonly namespace: string;
  readonly rpcTimeoutMs: number;
}

/** The gateway in front of the identity process, with the bench actor routes mounted. */
export function startIdentityGateway(world: AuthWorld): Promise<ListeningGateway> {
  return listenGateway({ ...world, services: ['identity'], modules: [BenchActorModule] });
}

export interface Account {
  readonly email: string;
  readonly password: string;
}

/** A new practice and its first Admin (who also holds the Provider role), through the gateway. */
export async function signUp(gateway: ListeningGateway): Promise<Account> {
  const suffix = randomBytes(6).toString('hex');
  const account = { email: `bench-${suffix}@arbor.test`, password: `bench passphrase ${suffix}` };
  const answer = await gateway.call('/api/v1/practices', {
    method: 'POST',
    body: {
      practiceName: `Bench Practice ${suffix}`,
      admin: { name: 'Bench Admin', email: account.email, password: account.password },
    },
  });
  expectStatus(answer, 201, 'POST /api/v1/practices (sign-up)');
  return account;
}

const REFRESH_COOKIE = /^(arbor_refresh=[^;]+)/;

/** The `name=value` of the refresh cookie an answer set. */
function refreshCookieOf(answer: HttpAnswer, what: string): string {
  for (const cookie of answer.headers['set-cookie'] ?? []) {
    const match = REFRESH_COOKIE.exec(cookie);
    if (match?.[1]) return match[1];
  }
  throw new Error(`${what} set no refresh cookie`);
}

export interface Session {
  readonly accessToken: string;
  readonly refreshCookie: string;
}

export async function login(gateway: ListeningGateway, account: Account): Promise<Session> {
  const answer = await gateway.call('/api/v1/auth/login', { method: 'POST', body: account });
  const body = JSON.parse(expectStatus(answer, 200, 'POST /api/v1/auth/login')) as { accessToken: string };
  return { accessToken: body.accessToken, refreshCookie: refreshCookieOf(answer, 'login') };
}

/**
 * One refresh per call, each with the cookie the previous answer set (the token rotates on use; a
 * spent one would end the session as a theft).
 */
export function refresher(gateway: ListeningGateway, session: Session): Call {
  let cookie = session.refreshCookie;
  return async () => {
    // As the web app's browser sends it: the gateway refuses a refresh from any other origin.
    const answer = await gateway.call('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { cookie, origin: WEB_ORIGIN },
    });
    expectStatus(answer, 200, 'POST /api/v1/auth/refresh');
    cookie = refreshCookieOf(answer, 'refresh');
  };
}

/** argon2id verification of the right password against a hash made with identity's parameters. */
export async function argon2Verifier(): Promise<Call> {
  const password = `bench passphrase ${randomBytes(6).toString('hex')}`;
  const stored = await hash(password, ARGON2_OPTIONS);
  return async () => {
    if (!(await verify(stored, password))) throw new Error('argon2id refused the right password');
  };
}

/** One metric of identity's ops port's `/metrics`, summed by message pattern. */
async function identityMetric(opsPort: number, name: string): Promise<RpcCounts> {
  const answer = await httpRequest(undefined, opsPort, '/metrics');
  const text = expectStatus(answer, 200, "identity's GET /metrics");
  const sample = new RegExp(`^${name}\\{([^}]*)\\} ([0-9.e+-]+)$`);
  const values: RpcCounts = {};
  for (const line of text.split('\n')) {
    const match = sample.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const pattern = /pattern="([^"]*)"/.exec(match[1])?.[1] ?? 'unknown';
    values[pattern] = (values[pattern] ?? 0) + Number(match[2]);
  }
  return values;
}

/** Requests identity has handled so far, by pattern (`arbor_rpc_requests_total`). */
export function identityRpcCounts(opsPort: number): Promise<RpcCounts> {
  return identityMetric(opsPort, 'arbor_rpc_requests_total');
}

/**
 * Runs `measure` and answers, beside its result, the time identity's handlers spent on the
 * requests of one pattern meanwhile (its `arbor_rpc_request_duration_seconds` sum and count).
 */
export async function withHandlerTime<T>(
  opsPort: number,
  pattern: string,
  measure: () => Promise<T>,
): Promise<{ result: T; handlerMs: number; handled: number }> {
  const read = async () => ({
    sum: (await identityMetric(opsPort, 'arbor_rpc_request_duration_seconds_sum'))[pattern] ?? 0,
    count: (await identityMetric(opsPort, 'arbor_rpc_request_duration_seconds_count'))[pattern] ?? 0,
  });
  const before = await read();
  const result = await measure();
  const after = await read();
  return { result, handlerMs: (after.sum - before.sum) * 1000, handled: after.count - before.count };
}

export function countsBetween(before: RpcCounts, after: RpcCounts): RpcCounts {
  const delta: RpcCounts = {};
  for (const [pattern, count] of Object.entries(after)) {
    const grown = count - (before[pattern] ?? 0);
    if (grown !== 0) delta[pattern] = grown;
  }
  return delta;
}

/**
 * The signed-in route against the public one, in alternating blocks (so that drift on the shared
 * machine weighs on both alike), both requests carrying the same access token; identity's RPC
 * counter is read before sign-up, after the warm-up and after the measured requests.
 */
export async function measureVerification(
  gateway: ListeningGateway,
  options: {
    opsPort: number;
    warmup: number;
    perRoute: number;
    budgetMs: { warmup: number; sequential: number };
  },
): Promise<VerificationRun> {
  const start = await identityRpcCounts(options.opsPort);
  const session = await login(gateway, await signUp(gateway));
  const headers = { authorization: `Bearer ${session.accessToken}` };
  const get =
    (path: string): Call =>
    async () =>
      expectStatus(await gateway.call(path, { headers }), 200, `GET ${path}`);
  const signedIn = get(SIGNED_IN_PATH);
  const publicRoute = get(PUBLIC_PATH);

  const alternate = async (perRoute: number, budgetMs: number) => {
    const samples = { signedIn: [] as number[], public: [] as number[] };
    const block = Math.max(1, Math.min(100, perRoute));
    const deadline = performance.now() + budgetMs;
    while (samples.signedIn.length < perRoute && performance.now() < deadline) {
      const n = Math.min(block, perRoute - samples.signedIn.length);
      samples.signedIn.push(...(await sequential(signedIn, n)));
      samples.public.push(...(await sequential(publicRoute, n)));
    }
    return samples;
  };
  await alternate(options.warmup, options.budgetMs.warmup);
  const warmed = await identityRpcCounts(options.opsPort);
  const measured = await alternate(options.perRoute, options.budgetMs.sequential);
  const end = await identityRpcCounts(options.opsPort);

  // The gateway's own verifier, called directly: what the guard awaits, without HTTP around it.
  const verifier = gateway.gateway.app.get<AccessTokenVerifier>(ACCESS_TOKEN_VERIFIER);
  const verifyAlone = await sequential(
    () => verifier.verify(session.accessToken),
    measured.signedIn.length,
    options.budgetMs.warmup,
  );
  return {
    ...measured,
    verifyAlone,
    identityCallsBefore: countsBetween(start, warmed),
    identityCallsMeasured: countsBetween(warmed, end),
  };
}
