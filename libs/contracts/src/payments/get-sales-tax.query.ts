import { z } from 'zod';
import { query } from '../contract';
import { Actor } from '../common';
import { SalesTaxSettings } from './sales-tax.types';

/** Admin only. A practice that never set it has `mode: none`; `statewideBaseRates` is the starting table for `by_state`. */
export const GetSalesTax = query('payments.sales-tax.get.v1', {
  payload: z.object({ actor: Actor }),
  reply: z.object({ settings: SalesTaxSettings, statewideBaseRates: z.record(z.string(), z.number()) }),
});
