import type { BillingPlan, BillingRun } from './scenarios/billing';
import type { EventRun } from './scenarios/events';
import type { NotesPlan } from './scenarios/notes';
import type { WebPlan, WebRun } from './scenarios/web';
import type { ConcurrentRun } from './stats';

/** Where a worker finds the broker, the database and the names this run owns. */
export interface World {
  readonly rabbitmqUrl: string;
  readonly databaseUrl: string;
  readonly namespace: string;
  readonly queues: {
    readonly nest: string;
    readonly raw: string;
    readonly rawEvents: string;
    readonly rawDatabaseEvents: string;
  };
  readonly rpcTimeoutMs: number;
  readonly redisUrl: string;
}

export const RPC_SCENARIOS = {
  a1: 'gateway: GET /api/v1/health → bus → readiness (SELECT 1 + broker check)',
  a2: 'gateway: GET /bench/echo (bench controller) → bus → EchoItem',
  a0: 'Arbor: BusClient.send(CheckReadiness), no HTTP (a1 minus the gateway)',
  b: 'Arbor: BusClient.send(EchoItem) → @Handles (startService)',
  c: 'NestJS: ClientRMQ.send → @MessagePattern (plain ServerRMQ)',
  d: 'raw amqplib, direct reply-to',
} as const;
export type RpcScenario = keyof typeof RPC_SCENARIOS;

/** Sign-in and tokens, against the built identity app running as its own process. */
export const AUTH_SCENARIOS = {
  login:
    'gateway: POST /api/v1/auth/login → bus → identity (argon2id verify, session row, EdDSA-signed token)',
  argon2: "argon2id verify alone (@node-rs/argon2, identity's ARGON2_OPTIONS: m=19456 KiB, t=2, p=1)",
  refresh: 'gateway: POST /api/v1/auth/refresh, the cookie rotating each time → bus → identity',
  verification:
    'gateway: GET of a bench route, signed in (@Roles: token verified locally) and the same route @Public()',
} as const;
export type AuthScenario = keyof typeof AUTH_SCENARIOS;

/** Requests identity handled (its `/metrics` `arbor_rpc_requests_total`), by message pattern. */
export type RpcCounts = Record<string, number>;

/** What the verification scenario measured, per round. */
export interface VerificationRun {
  readonly signedIn: number[];
  readonly public: number[];
  /** The gateway's `AccessTokenVerifier.verify` called directly, in the same process. */
  readonly verifyAlone: number[];
  /** Identity's RPCs during sign-up, sign-in and the warm-up: shows the count does count. */
  readonly identityCallsBefore: RpcCounts;
  /** Identity's RPCs during the measured requests (both routes): must be none. */
  readonly identityCallsMeasured: RpcCounts;
}

/** What the notes scenario measured, per round (sequential latencies in ms). */
export interface NotesRun {
  readonly add: number[];
  readonly list: number[];
  /** The same list with `limit=1`. */
  readonly listOne: number[];
  /** libs/crypto's `openText` on the listed page's sealed bodies, in the worker. */
  readonly decrypt: number[];
  /** Time the notes service's handlers spent on the measured requests, summed. */
  readonly addHandler: { readonly ms: number; readonly requests: number };
  readonly listHandler: { readonly ms: number; readonly requests: number };
}

export const NOTES_SCENARIO =
  'gateway → bus → notes (identity, client-records and notes as built apps in their own processes)';

export const WEB_SCENARIO =
  'the gateway serving dist/web → identity, client-records and notes (built apps in their own processes), headless chromium';

export type WorkerTask =
  | {
      readonly kind: 'rpc';
      readonly scenario: RpcScenario;
      readonly warmup: number;
      readonly sequential: number;
      /** Time caps for the warm-up and the measured sequential phase. */
      readonly budgetMs: { readonly warmup: number; readonly sequential: number };
      readonly concurrent: { readonly total: number; readonly inFlight: number } | null;
      readonly world: World;
    }
  | {
      readonly kind: 'auth';
      readonly scenario: AuthScenario;
      readonly warmup: number;
      /** Measured requests (for `verification`: per route). */
      readonly sequential: number;
      readonly budgetMs: { readonly warmup: number; readonly sequential: number };
      /** Identity's ops port (`/metrics`), on 127.0.0.1. */
      readonly identityOpsPort: number;
      readonly world: World;
    }
  | {
      readonly kind: 'outbox';
      readonly events: number;
      readonly perTransaction: number;
      readonly writers: number;
      readonly timeoutMs: number;
      readonly world: World;
    }
  | {
      readonly kind: 'notes';
      readonly plan: NotesPlan;
      readonly world: World;
    }
  | {
      readonly kind: 'web';
      readonly plan: WebPlan;
      /** Only the broker, Redis and the namespace: the services are main.ts's processes. */
      readonly world: Pick<World, 'rabbitmqUrl' | 'redisUrl' | 'namespace' | 'rpcTimeoutMs'>;
    }
  | {
      readonly kind: 'billing';
      readonly plan: BillingPlan;
      /** Only the broker, Redis and the namespace: the services are main.ts's processes. */
      readonly world: Pick<World, 'rabbitmqUrl' | 'redisUrl' | 'namespace' | 'rpcTimeoutMs'>;
    }
  | {
      readonly kind: 'raw-events' | 'raw-db-events';
      readonly events: number;
      readonly prefetch: number;
      readonly timeoutMs: number;
      readonly world: World;
    };

export type WorkerResult =
  | { readonly kind: 'rpc'; readonly sequential: number[]; readonly concurrent: ConcurrentRun | null }
  | { readonly kind: 'events'; readonly run: EventRun }
  | {
      readonly kind: 'auth';
      readonly sequential: number[];
      /** Time identity's handler spent on the measured requests (login, refresh), summed. */
      readonly handler: { readonly ms: number; readonly requests: number } | null;
    }
  | { readonly kind: 'verification'; readonly run: VerificationRun }
  | { readonly kind: 'notes'; readonly run: NotesRun }
  | { readonly kind: 'web'; readonly run: WebRun }
  | { readonly kind: 'billing'; readonly run: BillingRun };

export type WorkerReply =
  { readonly ok: true; readonly result: WorkerResult } | { readonly ok: false; readonly error: string };
