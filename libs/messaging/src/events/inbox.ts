import type { Transaction } from '@arbor/database';
import { inbox } from './outbox-inbox.schema';

/**
 * Claims (event, handler) inside the handler's transaction. `true`: first time, apply the
 * effect; `false`: already applied (a redelivery or a duplicate publish), skip it. Because the
 * claim commits or rolls back with the effect, "applied once" holds whatever crashes.
 */
export async function claimInbox(tx: Transaction, eventId: string, handler: string): Promise<boolean> {
  const inserted = await tx
    .insert(inbox)
    .values({ eventId, handler })
    .onConflictDoNothing()
    .returning({ eventId: inbox.eventId });
  return inserted.length === 1;
}
