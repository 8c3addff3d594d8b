import { and, eq, inArray } from 'drizzle-orm';
import { ProcessorType } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { UNSETTLED, type AttemptRow } from '../payments/payment-attempts.repository';
import { paymentAttempts, paymentRefunds } from '../payments/payments.schema';
import { processorAccounts } from '../processor-accounts/processor-accounts.schema';
import { processorWebhookEvents } from './webhooks.schema';

export interface WebhookAccount {
  readonly id: string;
  readonly practiceId: string;
  readonly type: ProcessorType;
}

export type WebhookEventRow = typeof processorWebhookEvents.$inferInsert;

export class WebhooksRepository {
  /** The account a webhook URL names, whichever practice it belongs to (the URL names no practice). */
  async account(db: Queryable, id: string): Promise<WebhookAccount | undefined> {
    const [row] = await db
      .select({
        id: processorAccounts.id,
        practiceId: processorAccounts.practiceId,
        type: processorAccounts.type,
      })
      .from(processorAccounts)
      .where(eq(processorAccounts.id, id));
    return row && { ...row, type: ProcessorType.parse(row.type) };
  }

  async seen(db: Queryable, processorAccountId: string, eventId: string): Promise<boolean> {
    const rows = await db
      .select({ eventId: processorWebhookEvents.eventId })
      .from(processorWebhookEvents)
      .where(
        and(
          eq(processorWebhookEvents.processorAccountId, processorAccountId),
          eq(processorWebhookEvents.eventId, eventId),
        ),
      );
    return rows.length > 0;
  }

  /**
   * Claims the event; false when it was claimed before. A concurrent delivery of the same event
   * waits here until the first commits, then finds it claimed.
   */
  async claim(db: Queryable, event: WebhookEventRow): Promise<boolean> {
    const inserted = await db
      .insert(processorWebhookEvents)
      .values(event)
      .onConflictDoNothing()
      .returning({ eventId: processorWebhookEvents.eventId });
    return inserted.length === 1;
  }

  /**
   * The attempt that made this charge; with `lock`, locked until the transaction ends (as a
   * refund locks it, so refunds of one payment apply one after the other).
   */
  async attemptOfTransaction(
    db: Queryable,
    processorAccountId: string,
    transactionId: string,
    lock: { forUpdate: boolean } = { forUpdate: false },
  ): Promise<AttemptRow | undefined> {
    const query = db
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.processorAccountId, processorAccountId),
          eq(paymentAttempts.transactionId, transactionId),
        ),
      );
    const [row] = lock.forUpdate ? await query.for('update') : await query;
    return row;
  }

  /** An attempt still waiting for its outcome, by the reference it was sent to the processor with. */
  async unsettledByReference(
    db: Queryable,
    processorAccountId: string,
    reference: string,
  ): Promise<AttemptRow | undefined> {
    const [row] = await db
      .select()
      .from(paymentAttempts)
      .where(
        and(
          eq(paymentAttempts.processorAccountId, processorAccountId),
          eq(paymentAttempts.processorAttemptReference, reference),
          inArray(paymentAttempts.status, [...UNSETTLED]),
        ),
      );
    return row;
  }

  /** Whether a refund (Arbor's own or one recorded from an earlier event) has this processor id. */
  async hasRefund(db: Queryable, attemptId: string, processorRefundId: string): Promise<boolean> {
    const rows = await db
      .select({ id: paymentRefunds.id })
      .from(paymentRefunds)
      .where(
        and(eq(paymentRefunds.attemptId, attemptId), eq(paymentRefunds.processorRefundId, processorRefundId)),
      );
    return rows.length > 0;
  }
}
