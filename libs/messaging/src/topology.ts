import type { Options } from 'amqplib';

/**
 * Every exchange and queue name, in one place. The namespace (default `arbor`) lets parallel
 * test runs share one broker without meeting each other.
 */
export interface BusTopology {
  readonly namespace: string;
  readonly eventsExchange: string;
  readonly deadLetterExchange: string;
  rpcQueue(service: string): string;
  eventsQueue(service: string): string;
  deadLetterQueue(service: string): string;
}

export const DEFAULT_NAMESPACE = 'arbor';

/** How often a consumer may fail one event before it is set aside in the dead-letter queue. */
export const DEFAULT_DELIVERY_LIMIT = 5;

export function busTopology(namespace: string = DEFAULT_NAMESPACE): BusTopology {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(namespace)) throw new Error(`invalid bus namespace "${namespace}"`);
  return {
    namespace,
    eventsExchange: `${namespace}.events`,
    deadLetterExchange: `${namespace}.dead-letter`,
    rpcQueue: (service) => `${namespace}.${service}.rpc`,
    eventsQueue: (service) => `${namespace}.${service}.events`,
    deadLetterQueue: (service) => `${namespace}.${service}.events.dead`,
  };
}

/**
 * RPC queues are classic: a request is only worth something while its caller waits, so each
 * message carries the caller's timeout as its TTL and is not persisted. Callers and servers must
 * declare the queue with identical arguments, hence one function.
 */
export function rpcQueueOptions(): Options.AssertQueue {
  return { durable: true, arguments: { 'x-queue-type': 'classic' } };
}

/**
 * Event queues are quorum queues (replicated, at-least-once) with an explicit delivery limit,
 * which RabbitMQ 3.10 does not set by default: a message that keeps failing is dead-lettered to
 * the service's `.dead` queue instead of blocking or looping forever.
 */
export function eventsQueueOptions(
  topology: BusTopology,
  service: string,
  deliveryLimit: number,
): Options.AssertQueue {
  return {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      'x-delivery-limit': deliveryLimit,
      'x-dead-letter-exchange': topology.deadLetterExchange,
      'x-dead-letter-routing-key': topology.eventsQueue(service),
    },
  };
}

export function deadLetterQueueOptions(): Options.AssertQueue {
  return { durable: true, arguments: { 'x-queue-type': 'quorum' } };
}

/** The service a request contract belongs to: the first segment of its name. */
export function serviceOfPattern(pattern: string): string {
  const service = pattern.split('.')[0];
  if (!service) throw new Error(`pattern "${pattern}" names no service`);
  return service;
}

/**
 * Every AMQP connection of the bus disables Nagle's algorithm: the RPC server writes its ack and
 * then its reply as two small writes, and with Nagle the reply waits for the broker's delayed TCP
 * ACK (~40 ms on Linux).
 */
export const AMQP_SOCKET_OPTIONS = { connectionOptions: { noDelay: true } } as const;
