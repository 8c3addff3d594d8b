import { EventPattern } from '@nestjs/microservices';
import type { DataOf, EventContract, EventEnvelope } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { ARBOR_EVENTS } from '../transports';

/** What {@link ArborEventServer} hands a handler: the validated event and the open transaction. */
export interface EventDelivery {
  readonly event: EventEnvelope<unknown>;
  readonly tx: Transaction;
}

export interface EventHandlerExtras {
  readonly contract: EventContract;
  /** The inbox key: stable across releases, so keep the class and method names. */
  readonly handlerName: string;
}

type EventHandler<C extends EventContract> = (
  event: EventEnvelope<DataOf<C>>,
  tx: Transaction,
) => Promise<void>;

/**
 * Declares the method that applies an event. The events server validates the envelope against
 * the contract, opens a transaction, records the event in the inbox and calls the method with
 * the event and that transaction; the method's effect, the inbox row and the ack stand or fall
 * together. A method that throws is retried up to the queue's delivery limit, then the event is
 * dead-lettered.
 */
export function HandlesEvent<C extends EventContract>(contract: C) {
  return <T extends EventHandler<C>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<T>,
  ): TypedPropertyDescriptor<T> => {
    const original = descriptor.value;
    if (!original) throw new Error(`@HandlesEvent(${contract.pattern}) must decorate a method`);
    function handle(this: unknown, delivery: EventDelivery): Promise<void> {
      return original!.call(this, delivery.event as EventEnvelope<DataOf<C>>, delivery.tx);
    }
    descriptor.value = handle as unknown as T;
    const extras: EventHandlerExtras = { contract, handlerName: `${target.constructor.name}.${String(key)}` };
    EventPattern(contract.pattern, ARBOR_EVENTS, extras)(
      target,
      key,
      descriptor as unknown as TypedPropertyDescriptor<(data: object) => Promise<void>>,
    );
    return descriptor;
  };
}
