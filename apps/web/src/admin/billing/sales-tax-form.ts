import { z } from 'zod';
import { SalesTaxSettings, SalesTaxSettingsFields, US_STATES, type SalesTaxView } from '@arbor/contracts';

/** What a number box holds: a number, or text while it is empty or being typed. */
const RateBox = z.union([z.number(), z.string()]);

function rateOf(value: number | string): number | undefined {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

/**
 * The editor's values (every state's box, blank or not), turned into the settings the contract
 * takes and checked by the contract's own rules, so a refusal names `ratePercent` or
 * `stateRates.NY`, the fields of this form. Only what the chosen mode uses is sent.
 */
export const SalesTaxForm = SalesTaxSettingsFields.extend({
  ratePercent: RateBox,
  stateRates: z.record(z.string(), RateBox),
})
  .transform(({ mode, ratePercent, stateRates, pricesIncludeTax }): z.input<typeof SalesTaxSettings> => {
    if (mode === 'flat') return { mode, ratePercent: rateOf(ratePercent), pricesIncludeTax };
    if (mode === 'by_state') {
      const rates = Object.entries(stateRates).flatMap(([state, rate]) => {
        const value = rateOf(rate);
        return value === undefined ? [] : [[state, value] as const];
      });
      return { mode, stateRates: Object.fromEntries(rates), pricesIncludeTax };
    }
    return { mode, pricesIncludeTax };
  })
  .pipe(SalesTaxSettings);
export type SalesTaxFormValues = z.input<typeof SalesTaxForm>;

/** The form as the saved settings fill it: a box per state, blank where the state has no rate. */
export function salesTaxFormValues(saved: z.output<typeof SalesTaxView>): SalesTaxFormValues {
  return {
    mode: saved.mode,
    ratePercent: saved.ratePercent ?? '',
    stateRates: Object.fromEntries(US_STATES.map((state) => [state, saved.stateRates?.[state] ?? ''])),
    pricesIncludeTax: saved.pricesIncludeTax,
  };
}
