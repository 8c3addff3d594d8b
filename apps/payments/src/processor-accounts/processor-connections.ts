import type { ProcessorType } from '@arbor/contracts';
import type { PaymentProcessor } from '../processors/payment-processor';
import type { Credentials } from './processor-account';

/** The processor adapters, built from an account's credentials. */
export interface ProcessorConnections {
  /** Asks a processor whether credentials work. */
  test(type: ProcessorType, credentials: Credentials): Promise<{ ok: boolean; message: string }>;
  /** The adapter that charges, refunds and looks up payments with these credentials. */
  adapter(type: ProcessorType, credentials: Credentials): PaymentProcessor;
}

export const PROCESSOR_CONNECTIONS = Symbol.for('arbor.payments.processor-connections');
export const KEY_RING = Symbol.for('arbor.payments.key-ring');
