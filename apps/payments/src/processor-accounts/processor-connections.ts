import type { ProcessorType } from '@arbor/contracts';
import type { Credentials } from './processor-account';

/** Asks a processor whether credentials work; implemented by the processor adapters. */
export interface ProcessorConnections {
  test(type: ProcessorType, credentials: Credentials): Promise<{ ok: boolean; message: string }>;
}

export const PROCESSOR_CONNECTIONS = Symbol.for('arbor.payments.processor-connections');
export const KEY_RING = Symbol.for('arbor.payments.key-ring');
