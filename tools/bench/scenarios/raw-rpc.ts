import amqp from 'amqplib';
import { rpcQueueOptions } from '@arbor/messaging';
import type { RpcPair } from './nest-rpc';

const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

/**
 * Hand-written request/reply on amqplib: a consumer on the queue (auto-ack) answers to the
 * caller's direct reply-to pseudo-queue with the correlation id; JSON both ways and a per-request
 * timeout, as any real caller would have.
 */
export async function startRawRpc(url: string, queue: string, timeoutMs: number): Promise<RpcPair> {
  const serverConnection = await amqp.connect(url);
  const clientConnection = await amqp.connect(url);
  // A connection the broker closes fails the pending calls (timeout) instead of crashing the run.
  for (const connection of [serverConnection, clientConnection]) connection.on('error', () => undefined);
  const serverChannel = await serverConnection.createChannel();
  await serverChannel.assertQueue(queue, rpcQueueOptions());
  await serverChannel.consume(
    queue,
    (message) => {
      if (!message) return;
      const request = JSON.parse(message.content.toString()) as unknown;
      serverChannel.sendToQueue(message.properties.replyTo as string, Buffer.from(JSON.stringify(request)), {
        correlationId: message.properties.correlationId as string,
      });
    },
    { noAck: true },
  );

  const clientChannel = await clientConnection.createChannel();
  const pending = new Map<string, { resolve: (value: unknown) => void; timer: NodeJS.Timeout }>();
  await clientChannel.consume(
    DIRECT_REPLY_TO,
    (message) => {
      if (!message) return;
      const id = message.properties.correlationId as string;
      const waiter = pending.get(id);
      if (!waiter) return;
      pending.delete(id);
      clearTimeout(waiter.timer);
      waiter.resolve(JSON.parse(message.content.toString()));
    },
    { noAck: true },
  );
  let next = 0;
  const payload = { label: 'bench', quantity: 1 };
  const call = () =>
    new Promise<unknown>((resolve, reject) => {
      const correlationId = String((next += 1));
      const timer = setTimeout(() => {
        pending.delete(correlationId);
        reject(new Error(`raw RPC timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(correlationId, { resolve, timer });
      clientChannel.sendToQueue(queue, Buffer.from(JSON.stringify(payload)), {
        replyTo: DIRECT_REPLY_TO,
        correlationId,
        contentType: 'application/json',
      });
    });
  return {
    call,
    async close() {
      await clientConnection.close();
      await serverConnection.close();
    },
  };
}
