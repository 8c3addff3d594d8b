import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { keyRing } from '@arbor/crypto';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../../payments.config';
import { PaymentsModule } from '../../payments.module';
import { startProcessorSandbox, type ProcessorSandbox } from '../../processors/test/processor-sandbox';

export interface PaymentsWorld {
  readonly world: ServiceWorld;
  readonly sandbox: ProcessorSandbox;
  close(): Promise<void>;
}

/**
 * The payments service started as main.ts starts it (the shared service world: its own throwaway
 * database, RabbitMQ, its job worker on Redis, a test clock), its adapters pointed at a processor
 * sandbox of its own.
 */
export async function startPaymentsWorld(): Promise<PaymentsWorld> {
  const sandbox = await startProcessorSandbox({ port: 0 });
  let world: ServiceWorld;
  try {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../../migrations'),
      jobs: true,
      module: ({ clock }) =>
        PaymentsModule.register({
          keys: keyRing(new Map([['k1', randomBytes(32)]])),
          processorSandboxUrl: sandbox.url,
          clock,
        }),
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    world,
    sandbox,
    async close() {
      await world.close();
      await sandbox.close();
    },
  };
}
