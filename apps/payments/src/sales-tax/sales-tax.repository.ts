import { eq } from 'drizzle-orm';
import { SalesTaxSettings } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { salesTaxSettings } from './sales-tax.schema';

export const NO_SALES_TAX: SalesTaxSettings = { mode: 'none', pricesIncludeTax: false };

export class SalesTaxRepository {
  async find(db: Queryable, practiceId: string): Promise<SalesTaxSettings> {
    const [row] = await db.select().from(salesTaxSettings).where(eq(salesTaxSettings.practiceId, practiceId));
    return row ? SalesTaxSettings.parse(row.settings) : NO_SALES_TAX;
  }

  async save(
    db: Queryable,
    practiceId: string,
    settings: SalesTaxSettings,
    updatedBy: string,
    updatedAt: Date,
  ): Promise<void> {
    const values = { practiceId, settings, updatedAt, updatedBy };
    await db
      .insert(salesTaxSettings)
      .values(values)
      .onConflictDoUpdate({
        target: salesTaxSettings.practiceId,
        set: { settings, updatedAt: values.updatedAt, updatedBy },
      });
  }
}
