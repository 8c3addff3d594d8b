import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';
import { SalesTaxSettings } from './sales-tax.types';

/** Admin only. Replaces the practice's sales-tax settings. */
export const UpdateSalesTax = command('payments.sales-tax.update.v1', {
  payload: z.object({ actor: Actor, settings: SalesTaxSettings }),
  reply: SalesTaxSettings,
});
