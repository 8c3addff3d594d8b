import { and, asc, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Transaction } from '@arbor/database';
import type { InvoiceBalance } from './invoice-status';
import {
  invoiceChargeClaims,
  invoiceNumberCounters,
  invoicePayments,
  invoiceRefunds,
  invoices,
  invoiceStatusHistory,
} from './invoices.schema';

export type InvoiceRow = typeof invoices.$inferSelect;
/** An invoice to insert; its number is the practice's next one, taken by the insert. */
export type NewInvoiceRow = Omit<typeof invoices.$inferInsert, 'number'>;
export type HistoryRow = typeof invoiceStatusHistory.$inferSelect;
export type PaymentRow = typeof invoicePayments.$inferSelect;
export type RefundRow = typeof invoiceRefunds.$inferSelect;
export type ChargeClaimRow = typeof invoiceChargeClaims.$inferSelect;

/** Which invoices a list shows; every list is of one practice. */
export interface InvoiceFilter {
  readonly practiceId: string;
  readonly clientId?: string | undefined;
  readonly status?: string | undefined;
  readonly issuedFrom?: Date | undefined;
  readonly issuedBefore?: Date | undefined;
}

/** SQL for invoices, their per-practice numbers, their status history and payments. */
export class InvoicesRepository {
  /**
   * Takes the practice's next invoice number and inserts the invoice with it, in the caller's
   * transaction. The counter row's lock, held until that transaction ends, is what makes numbers
   * gap-free: a concurrent creation in the same practice waits for it, and if it rolls back its
   * increment goes too, so the next creation gets the same number. (A sequence would be faster but
   * never gives a number back.)
   */
  async insertNumbered(tx: Transaction, invoice: NewInvoiceRow): Promise<InvoiceRow> {
    const [counter] = await tx
      .insert(invoiceNumberCounters)
      .values({ practiceId: invoice.practiceId, lastNumber: 1 })
      .onConflictDoUpdate({
        target: invoiceNumberCounters.practiceId,
        set: { lastNumber: sql`${invoiceNumberCounters.lastNumber} + 1` },
      })
      .returning({ lastNumber: invoiceNumberCounters.lastNumber });
    const [row] = await tx
      .insert(invoices)
      .values({ ...invoice, number: counter!.lastNumber })
      .returning();
    return row!;
  }

  async invoice(db: Queryable, invoiceId: string): Promise<InvoiceRow | undefined> {
    const [row] = await db.select().from(invoices).where(eq(invoices.id, invoiceId));
    return row;
  }

  /** The invoice, locked until the transaction ends: two changes of one invoice never interleave. */
  async lockedInvoice(tx: Transaction, invoiceId: string): Promise<InvoiceRow | undefined> {
    const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for('update');
    return row;
  }

  async applyBalance(
    tx: Transaction,
    invoiceId: string,
    balance: InvoiceBalance,
    at: Date,
  ): Promise<InvoiceRow> {
    const [row] = await tx
      .update(invoices)
      .set({
        status: balance.status,
        amountPaid: balance.amountPaid,
        amountRefunded: balance.amountRefunded,
        statusChangedAt: at,
      })
      .where(eq(invoices.id, invoiceId))
      .returning();
    return row!;
  }

  async insertHistory(tx: Transaction, entry: HistoryRow): Promise<void> {
    await tx.insert(invoiceStatusHistory).values(entry);
  }

  async insertPayment(tx: Transaction, payment: PaymentRow): Promise<void> {
    await tx.insert(invoicePayments).values(payment);
  }

  /** Oldest first; ids are time-ordered, so entries of one instant keep their order. */
  async history(db: Queryable, invoiceId: string): Promise<HistoryRow[]> {
    return db
      .select()
      .from(invoiceStatusHistory)
      .where(eq(invoiceStatusHistory.invoiceId, invoiceId))
      .orderBy(asc(invoiceStatusHistory.at), asc(invoiceStatusHistory.id));
  }

  async payments(db: Queryable, invoiceId: string): Promise<PaymentRow[]> {
    return db
      .select()
      .from(invoicePayments)
      .where(eq(invoicePayments.invoiceId, invoiceId))
      .orderBy(asc(invoicePayments.recordedAt), asc(invoicePayments.id));
  }

  async refunds(db: Queryable, invoiceId: string): Promise<RefundRow[]> {
    return db
      .select()
      .from(invoiceRefunds)
      .where(eq(invoiceRefunds.invoiceId, invoiceId))
      .orderBy(asc(invoiceRefunds.recordedAt), asc(invoiceRefunds.id));
  }

  /**
   * Newest first, `limit + 1` rows (the extra one says whether there is a next page), after the
   * (issuedAt, id) of the last row shown. The practice-or-client index serves both orders.
   */
  async list(
    db: Queryable,
    filter: InvoiceFilter,
    limit: number,
    after?: { issuedAt: Date; id: string },
  ): Promise<InvoiceRow[]> {
    const conditions: SQL[] = [eq(invoices.practiceId, filter.practiceId)];
    if (filter.clientId !== undefined) conditions.push(eq(invoices.clientId, filter.clientId));
    if (filter.status !== undefined) conditions.push(eq(invoices.status, filter.status));
    if (filter.issuedFrom !== undefined) conditions.push(gte(invoices.issuedAt, filter.issuedFrom));
    if (filter.issuedBefore !== undefined) conditions.push(lt(invoices.issuedAt, filter.issuedBefore));
    if (after !== undefined) {
      conditions.push(
        or(
          lt(invoices.issuedAt, after.issuedAt),
          and(eq(invoices.issuedAt, after.issuedAt), lt(invoices.id, after.id)),
        )!,
      );
    }
    return db
      .select()
      .from(invoices)
      .where(and(...conditions))
      .orderBy(desc(invoices.issuedAt), desc(invoices.id))
      .limit(limit + 1);
  }

  /** Whether this card attempt is already applied to an invoice. */
  async cardPaymentApplied(db: Queryable, attemptId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: invoicePayments.id })
      .from(invoicePayments)
      .where(and(eq(invoicePayments.method, 'card'), eq(invoicePayments.reference, attemptId)));
    return row !== undefined;
  }

  async chargeClaim(db: Queryable, invoiceId: string): Promise<ChargeClaimRow | undefined> {
    const [row] = await db
      .select()
      .from(invoiceChargeClaims)
      .where(eq(invoiceChargeClaims.invoiceId, invoiceId));
    return row;
  }

  async insertChargeClaim(tx: Transaction, claim: ChargeClaimRow): Promise<void> {
    await tx.insert(invoiceChargeClaims).values(claim);
  }

  async setClaimAttempt(
    db: Queryable,
    invoiceId: string,
    idempotencyKey: string,
    attemptId: string,
  ): Promise<void> {
    await db
      .update(invoiceChargeClaims)
      .set({ attemptId })
      .where(
        and(
          eq(invoiceChargeClaims.invoiceId, invoiceId),
          eq(invoiceChargeClaims.idempotencyKey, idempotencyKey),
        ),
      );
  }

  /**
   * Hands the claim from `fromKey` to another: answers false, changing nothing, if `fromKey`
   * no longer holds it.
   */
  async replaceClaim(tx: Transaction, fromKey: string, claim: ChargeClaimRow): Promise<boolean> {
    const replaced = await tx
      .update(invoiceChargeClaims)
      .set(claim)
      .where(
        and(
          eq(invoiceChargeClaims.invoiceId, claim.invoiceId),
          eq(invoiceChargeClaims.idempotencyKey, fromKey),
        ),
      )
      .returning({ invoiceId: invoiceChargeClaims.invoiceId });
    return replaced.length === 1;
  }

  /** Lifts the claim of this key (a declined or refused charge). */
  async releaseClaim(db: Queryable, invoiceId: string, idempotencyKey: string): Promise<void> {
    await db
      .delete(invoiceChargeClaims)
      .where(
        and(
          eq(invoiceChargeClaims.invoiceId, invoiceId),
          eq(invoiceChargeClaims.idempotencyKey, idempotencyKey),
        ),
      );
  }

  /** Lifts the claim of this attempt (payments reported it failed). */
  async releaseClaimOfAttempt(tx: Transaction, invoiceId: string, attemptId: string): Promise<void> {
    await tx
      .delete(invoiceChargeClaims)
      .where(and(eq(invoiceChargeClaims.invoiceId, invoiceId), eq(invoiceChargeClaims.attemptId, attemptId)));
  }

  async clearClaim(tx: Transaction, invoiceId: string): Promise<void> {
    await tx.delete(invoiceChargeClaims).where(eq(invoiceChargeClaims.invoiceId, invoiceId));
  }

  /** The invoice's card payment (its attempt id as `reference`), if it was paid by card. */
  async cardPayment(db: Queryable, invoiceId: string): Promise<PaymentRow | undefined> {
    const [row] = await db
      .select()
      .from(invoicePayments)
      .where(and(eq(invoicePayments.invoiceId, invoiceId), eq(invoicePayments.method, 'card')));
    return row;
  }

  async refund(db: Queryable, refundId: string): Promise<RefundRow | undefined> {
    const [row] = await db.select().from(invoiceRefunds).where(eq(invoiceRefunds.id, refundId));
    return row;
  }

  async insertRefund(tx: Transaction, refund: RefundRow): Promise<void> {
    await tx.insert(invoiceRefunds).values(refund);
  }

  /**
   * Fills in who asked for a refund and why, where its event was applied before the refund
   * command's answer: on the refund and on its history entry (which has the refund's id).
   */
  async explainRefund(tx: Transaction, refundId: string, requestedBy: string, reason: string): Promise<void> {
    await tx
      .update(invoiceRefunds)
      .set({ requestedBy, reason })
      .where(and(eq(invoiceRefunds.id, refundId), sql`${invoiceRefunds.reason} IS NULL`));
    await tx
      .update(invoiceStatusHistory)
      .set({ actorId: requestedBy, reason })
      .where(and(eq(invoiceStatusHistory.id, refundId), sql`${invoiceStatusHistory.reason} IS NULL`));
  }
}
