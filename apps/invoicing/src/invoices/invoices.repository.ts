import { asc, eq, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '@arbor/database';
import type { InvoiceBalance } from './invoice-status';
import { invoiceNumberCounters, invoicePayments, invoices, invoiceStatusHistory } from './invoices.schema';

export type InvoiceRow = typeof invoices.$inferSelect;
/** An invoice to insert; its number is the practice's next one, taken by the insert. */
export type NewInvoiceRow = Omit<typeof invoices.$inferInsert, 'number'>;
export type HistoryRow = typeof invoiceStatusHistory.$inferSelect;
export type PaymentRow = typeof invoicePayments.$inferSelect;

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
}
