import { eq, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from '@arbor/database';
import { invoiceNumberCounters, invoices } from './invoices.schema';

export type InvoiceRow = typeof invoices.$inferSelect;
/** An invoice to insert; its number is the practice's next one, taken by the insert. */
export type NewInvoiceRow = Omit<typeof invoices.$inferInsert, 'number'>;

/** SQL for invoices and their per-practice numbers. */
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
}
