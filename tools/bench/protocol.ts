import type { EventRun } from './scenarios/events';
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
      readonly kind: 'outbox';
      readonly events: number;
      readonly perTransaction: number;
      readonly writers: number;
      readonly timeoutMs: number;
      readonly world: World;
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
  | { readonly kind: 'events'; readonly run: EventRun };

export type WorkerReply =
  { readonly ok: true; readonly result: WorkerResult } | { readonly ok: false; readonly error: string };
