import { ClientRMQ, RmqRecord } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  ArborError,
  fieldErrors,
  type PayloadOf,
  type ReplyOf,
  type RequestContract,
} from '@arbor/contracts';
import { childTraceparent, currentTraceContext } from '@arbor/observability';
import {
  AMQP_SOCKET_OPTIONS,
  busTopology,
  rpcQueueOptions,
  serviceOfPattern,
  type BusTopology,
} from '../topology';
import { fromRemoteError } from '../errors';
import { REQUEST_ID_HEADER, rpcLogger, TRACEPARENT_HEADER } from './rpc-context';

export interface BusClientOptions {
  url: string;
  namespace?: string;
  /** How long a request waits for its answer unless told otherwise. */
  defaultTimeoutMs?: number;
}

export interface SendOptions {
  /** The service to ask, when the pattern's first segment does not name it (`system.*`). */
  to?: string;
  timeoutMs?: number;
}

export const DEFAULT_RPC_TIMEOUT_MS = 5000;

/**
 * Typed request/reply over RabbitMQ. `send(Contract, payload)` validates the payload before it
 * leaves and the reply when it comes back, waits at most the timeout, and always answers with
 * the reply or an {@link ArborError}: the remote service's own typed error, or
 * `service_unavailable` when nobody answered in time or the broker is away.
 */
export class BusClient {
  private readonly topology: BusTopology;
  private readonly clients = new Map<string, ClientRMQ>();
  private readonly defaultTimeoutMs: number;

  constructor(private readonly options: BusClientOptions) {
    this.topology = busTopology(options.namespace);
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  }

  async send<C extends RequestContract>(
    contract: C,
    payload: PayloadOf<C>,
    options: SendOptions = {},
  ): Promise<ReplyOf<C>> {
    const service = options.to ?? serviceOfPattern(contract.pattern);
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const checked = contract.payload.safeParse(payload);
    if (!checked.success) {
      throw ArborError.validation(`invalid ${contract.pattern} payload`, fieldErrors(checked.error));
    }
    const { requestId, traceparent } = currentTraceContext();
    const record = new RmqRecord(checked.data, {
      // A request nobody picked up before its caller gave up is dropped, not executed late.
      expiration: String(timeoutMs),
      headers: {
        [TRACEPARENT_HEADER]: childTraceparent(traceparent),
        ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
      },
    });
    let reply: unknown;
    try {
      reply = await firstValueFrom(
        this.client(service)
          .send(contract.pattern, record)
          .pipe(timeout({ first: timeoutMs })),
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new ArborError('service_unavailable', `${service} did not answer within ${timeoutMs} ms`, {
          service,
          timeoutMs,
        });
      }
      throw fromRemoteError(error, service);
    }
    const parsed = contract.reply.safeParse(reply);
    if (!parsed.success) {
      rpcLogger().error(
        { pattern: contract.pattern, service, errors: fieldErrors(parsed.error) },
        'reply breaks its contract',
      );
      throw new ArborError('internal', `${service} answered ${contract.pattern} with an invalid reply`);
    }
    return parsed.data as ReplyOf<C>;
  }

  /** Resolves once connected to the broker (readiness); rejects while it is unreachable. */
  async ensureConnected(service: string): Promise<void> {
    await this.client(service).connect();
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close()));
    this.clients.clear();
  }

  private client(service: string): ClientRMQ {
    let client = this.clients.get(service);
    if (!client) {
      client = new ClientRMQ({
        urls: [this.options.url],
        socketOptions: AMQP_SOCKET_OPTIONS,
        queue: this.topology.rpcQueue(service),
        queueOptions: rpcQueueOptions(),
        persistent: false,
      });
      this.clients.set(service, client);
    }
    return client;
  }
}
