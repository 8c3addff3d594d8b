import { z } from 'zod';
import { query } from '../contract';
import { Currency, Id, MinorUnits } from '../common';
import { StateCode } from './sales-tax.types';

/**
 * The tax on an invoice amount for a client, under the practice's settings: invoicing asks, and
 * never computes tax itself. `amount` is what the provider entered (gross when the practice's
 * prices include tax). Rounded half-up once; subtotal + tax = total always.
 */
export const QuoteTax = query('payments.tax.quote.v1', {
  payload: z.object({
    practiceId: Id,
    amount: MinorUnits.positive(),
    currency: Currency,
    clientState: StateCode.optional(),
  }),
  reply: z.object({
    subtotal: MinorUnits,
    tax: MinorUnits,
    total: MinorUnits,
    currency: Currency,
    ratePercent: z.number(),
    pricesIncludeTax: z.boolean(),
  }),
});
