import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientRMQ, MessagePattern, Payload, ServerRMQ, type RmqOptions } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { rpcQueueOptions } from '@arbor/messaging';
import type { Call } from '../stats';

export const NEST_ECHO_PATTERN = 'bench.item.echo.v1';

@Controller()
class NestEchoHandlers {
  @MessagePattern(NEST_ECHO_PATTERN)
  echo(@Payload() payload: unknown): unknown {
    return payload;
  }
}

@Module({ controllers: [NestEchoHandlers] })
class NestEchoModule {}

export interface RpcPair {
  readonly call: Call;
  close(): Promise<void>;
}

/**
 * Bare NestJS: `ClientRMQ.send` → `@MessagePattern` on a plain `ServerRMQ`. Nest's defaults
 * (auto-ack, unlimited prefetch, non-persistent) except the queue, declared like ours (durable,
 * classic), and the caller's timeout, like ours.
 */
export async function startNestRpc(url: string, queue: string, timeoutMs: number): Promise<RpcPair> {
  const options: RmqOptions['options'] = { urls: [url], queue, queueOptions: rpcQueueOptions() };
  const server = await NestFactory.createMicroservice(NestEchoModule, {
    strategy: new ServerRMQ(options),
    logger: false,
  });
  await server.listen();
  const client = new ClientRMQ(options);
  await client.connect();
  const payload = { label: 'bench', quantity: 1 };
  return {
    call: () =>
      firstValueFrom(client.send<unknown>(NEST_ECHO_PATTERN, payload).pipe(timeout({ first: timeoutMs }))),
    async close() {
      await client.close();
      await server.close();
    },
  };
}
