import { z } from 'zod';

/** US states and DC, by postal code: where a client's address is, for `by_state` tax. */
export const US_STATES = [
  'AL',
  'AK',
  'AZ',
  'AR',
  'CA',
  'CO',
  'CT',
  'DE',
  'DC',
  'FL',
  'GA',
  'HI',
  'ID',
  'IL',
  'IN',
  'IA',
  'KS',
  'KY',
  'LA',
  'ME',
  'MD',
  'MA',
  'MI',
  'MN',
  'MS',
  'MO',
  'MT',
  'NE',
  'NV',
  'NH',
  'NJ',
  'NM',
  'NY',
  'NC',
  'ND',
  'OH',
  'OK',
  'OR',
  'PA',
  'RI',
  'SC',
  'SD',
  'TN',
  'TX',
  'UT',
  'VT',
  'VA',
  'WA',
  'WV',
  'WI',
  'WY',
] as const;
export const StateCode = z.enum(US_STATES, { error: 'must be a US state code such as NY' });
export type StateCode = z.infer<typeof StateCode>;

/**
 * A tax rate in percent: 0 to 100, at most 4 decimal places (8.875, 7.0625, 0.0001) — exactly: the
 * number must be the one its 4-decimal rounding reads back as, so 1e-320 or 0.1 + 0.2 is refused.
 * (JSON carries no NaN or Infinity, and zod refuses them.)
 */
export const RatePercent = z
  .number()
  .min(0, 'must not be negative')
  .max(100, 'must be at most 100')
  .refine((rate) => Number(rate.toFixed(4)) === rate, 'at most 4 decimal places');

export const SalesTaxSettingsFields = z.object({
  mode: z.enum(['none', 'flat', 'by_state']),
  ratePercent: RatePercent.optional(),
  /** Rate per state of the client's address; states not listed have none. */
  stateRates: z
    .record(z.string(), RatePercent)
    .superRefine((rates, context) => {
      for (const state of Object.keys(rates)) {
        if (!StateCode.safeParse(state).success) {
          context.addIssue({ code: 'custom', path: [state], message: 'is not a US state code' });
        }
      }
    })
    .optional(),
  /** Whether invoice amounts already include the tax (it is then split out of them). */
  pricesIncludeTax: z.boolean(),
});

export const SalesTaxSettings = SalesTaxSettingsFields.superRefine((settings, context) => {
  if (settings.mode === 'flat' && settings.ratePercent === undefined) {
    context.addIssue({ code: 'custom', path: ['ratePercent'], message: 'is required when mode is flat' });
  }
});
export type SalesTaxSettings = z.infer<typeof SalesTaxSettings>;
