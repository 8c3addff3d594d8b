import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AnyActor, DataOf, EventContract, EventEnvelope } from '@arbor/contracts';
import { fieldErrors } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { childTraceparent, currentTraceContext } from '@arbor/observability';
import { outbox } from './outbox-inbox.schema';

/** The channel the relay LISTENs on; a commit that wrote to the outbox wakes it at once. */
export const OUTBOX_CHANNEL = 'arbor_outbox';

/**
 * Transactions that have already asked for a notification. PostgreSQL delivers notifications at
 * commit and folds identical ones, so one per transaction is enough; a transaction emitting fifty
 * events saves forty-nine round trips.
 */
const notified = new WeakSet<object>();

export interface EmitMeta {
  practiceId: string | null;
  actor: AnyActor;
}

/**
 * Records an event in the outbox inside the caller's transaction: it is published if and only if
 * the transaction commits. This is the only way a service emits events.
 */
export async function emitEvent<C extends EventContract>(
  tx: Transaction,
  contract: C,
  data: DataOf<C>,
  meta: EmitMeta,
): Promise<EventEnvelope<DataOf<C>>> {
  const candidate = {
    id: uuidv7(),
    type: contract.pattern,
    occurredAt: new Date().toISOString(),
    practiceId: meta.practiceId,
    actor: meta.actor,
    traceparent: childTraceparent(currentTraceContext().traceparent),
    data,
  };
  const parsed = contract.envelope.safeParse(candidate);
  if (!parsed.success) {
    const problems = fieldErrors(parsed.error)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ');
    throw new Error(`refusing to emit an invalid ${contract.pattern}: ${problems}`);
  }
  await tx.insert(outbox).values({ id: parsed.data.id, type: contract.pattern, envelope: parsed.data });
  if (!notified.has(tx)) {
    notified.add(tx);
    await tx.execute(sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`);
  }
  return parsed.data as EventEnvelope<DataOf<C>>;
}
