import { ServerRMQ, type RmqOptions } from '@nestjs/microservices';
import type { Channel, ConsumeMessage } from 'amqplib';
import { ARBOR_RPC } from '../transports';
import { AMQP_SOCKET_OPTIONS, busTopology, rpcQueueOptions } from '../topology';
import { rpcLogger } from './rpc-context';
import { guardConsume } from '../consume-guard';

export interface RpcServerOptions {
  url: string;
  service: string;
  namespace?: string;
  /** Requests handled at once by this replica; the rest wait in the queue for any replica. */
  prefetch?: number;
}

/**
 * The service's command/query endpoint: NestJS's RMQ server on the service's own RPC queue, with
 * manual acks so that prefetch bounds how much work one replica takes on. A request is acked once
 * its reply is sent; if the replica dies first, RabbitMQ hands the request to another replica
 * (its TTL drops it once the caller has stopped waiting).
 */
export class ArborRpcServer extends ServerRMQ {
  override transportId = ARBOR_RPC;

  constructor(options: RpcServerOptions) {
    const topology = busTopology(options.namespace);
    const rmq: RmqOptions['options'] = {
      urls: [options.url],
      socketOptions: AMQP_SOCKET_OPTIONS,
      queue: topology.rpcQueue(options.service),
      queueOptions: rpcQueueOptions(),
      noAck: false,
      prefetchCount: options.prefetch ?? 32,
      persistent: false,
    };
    super(rmq);
  }

  /**
   * Nest's version leaves the publish promise unhandled: a reply still queued when the channel
   * closes (shutdown, broker restart) would reject with nobody listening and, on Node ≥ 15, end
   * the process. The caller times out instead; the service stays up.
   */
  override sendMessage<T>(message: T, replyTo: string, correlationId: string): void {
    const outgoing = this.serializer.serialize(message as never) as Record<string, unknown> & {
      options?: Record<string, unknown>;
    };
    const { options, ...packet } = outgoing;
    const channel = this.channel as unknown as {
      sendToQueue(queue: string, content: Buffer, options: Record<string, unknown>): Promise<unknown>;
    };
    channel
      .sendToQueue(replyTo, Buffer.from(JSON.stringify(packet)), { correlationId, ...options })
      .catch((error: unknown) =>
        rpcLogger().warn({ err: error, correlationId }, 'could not send an RPC reply'),
      );
  }

  override setupChannel(channel: Channel, callback: () => void): Promise<void> {
    guardConsume(channel, rpcLogger());
    return super.setupChannel(channel, callback);
  }

  override async handleMessage(message: Record<string, unknown> | null, channel: Channel): Promise<void> {
    try {
      await super.handleMessage(message as Record<string, unknown>, channel);
    } finally {
      if (message) acknowledge(channel, message as unknown as ConsumeMessage);
    }
  }
}

function acknowledge(channel: Channel, message: ConsumeMessage): void {
  try {
    channel.ack(message);
  } catch (error) {
    // The channel closed under us (broker restart): RabbitMQ requeues the request by itself.
    rpcLogger().warn({ err: error }, 'could not ack an RPC request; the broker will redeliver it');
  }
}
