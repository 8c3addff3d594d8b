import type { SalesTaxSettings, StateCode } from '@arbor/contracts';

/**
 * Tax on an invoice, in integer minor units. Rates have at most 4 decimal places, so a rate is
 * held exactly as an integer number of millionths (8.875 % → 88 750 / 1 000 000); the arithmetic
 * is done in BigInt and rounded half-up exactly once per invoice. With inclusive prices the gross
 * amount is split so that net + tax = gross, always.
 */
export interface TaxQuote {
  /** The amount before tax. */
  readonly subtotal: number;
  readonly tax: number;
  /** What the client pays. */
  readonly total: number;
  /** The rate applied, in percent (0 when none applies). */
  readonly ratePercent: number;
}

const MILLION = 1_000_000n;

/** Percent with ≤ 4 decimals → integer millionths of the amount (exact: 8.875 → 88750). */
export function rateMillionths(ratePercent: number): bigint {
  return BigInt(Math.round(ratePercent * 10_000));
}

/** numerator / denominator rounded half-up (ties away from zero), for non-negative values. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export function quoteTax(amount: number, ratePercent: number, pricesIncludeTax: boolean): TaxQuote {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError('amount must be a non-negative integer of minor units');
  const rate = rateMillionths(ratePercent);
  const gross = BigInt(amount);
  if (pricesIncludeTax) {
    const net = divideHalfUp(gross * MILLION, MILLION + rate);
    return { subtotal: Number(net), tax: Number(gross - net), total: amount, ratePercent };
  }
  const tax = divideHalfUp(gross * rate, MILLION);
  const total = gross + tax;
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('amount too large: the total would not be exact');
  return { subtotal: amount, tax: Number(tax), total: Number(total), ratePercent };
}

/**
 * The rate the practice's settings give for a client in `state`: none, the flat rate, or the
 * state's rate (0 for a state without one, or a client without an address on file).
 */
export function applicableRate(settings: SalesTaxSettings, state: StateCode | undefined): number {
  switch (settings.mode) {
    case 'none':
      return 0;
    case 'flat':
      return settings.ratePercent ?? 0;
    case 'by_state':
      return state ? (settings.stateRates?.[state] ?? 0) : 0;
  }
}
