import fc from 'fast-check';
import { applicableRate, divideHalfUp, quoteTax } from './sales-tax';

/** Up to about 11 trillion dollars: totals stay exact integers even at a 100 % rate. */
const amount = fc.integer({ min: 0, max: 2 ** 50 });
/** Rates as an Admin can enter them: 0–100 with at most 4 decimals. */
const rate = fc.integer({ min: 0, max: 1_000_000 }).map((tenThousandths) => tenThousandths / 10_000);

describe('sales tax', () => {
  it('adds tax on top of exclusive prices: total = subtotal + tax', () => {
    fc.assert(
      fc.property(amount, rate, (value, ratePercent) => {
        const quote = quoteTax(value, ratePercent, false);
        expect(quote.subtotal).toBe(value);
        expect(quote.total).toBe(quote.subtotal + quote.tax);
        expect(Number.isSafeInteger(quote.tax)).toBe(true);
      }),
    );
  });

  it('splits inclusive prices exactly: net + tax = gross, and nothing is lost or invented', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), rate, (gross, ratePercent) => {
        const quote = quoteTax(gross, ratePercent, true);
        expect(quote.subtotal + quote.tax).toBe(gross);
        expect(quote.total).toBe(gross);
        expect(quote.tax).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('rounds once, half-up, to within half a cent of the exact tax', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), rate, (value, ratePercent) => {
        const exact = (value * ratePercent) / 100;
        const { tax } = quoteTax(value, ratePercent, false);
        expect(Math.abs(tax - exact)).toBeLessThanOrEqual(0.5 + 1e-6);
      }),
    );
  });

  it('never charges more tax for a smaller amount (monotonic)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        rate,
        (a, b, ratePercent) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(quoteTax(low, ratePercent, false).tax).toBeLessThanOrEqual(
            quoteTax(high, ratePercent, false).tax,
          );
        },
      ),
    );
  });

  it.each([
    // amount, rate, inclusive, subtotal, tax, total
    [12500, 8.875, false, 12500, 1109, 13609], // 1109.375 → 1109
    [10000, 6.25, false, 10000, 625, 10625],
    [200, 0.25, false, 200, 1, 201], // 0.5 → 1: half rounds up
    [199, 0.25, false, 199, 0, 199], // 0.4975 → 0
    [10625, 6.25, true, 10000, 625, 10625],
    [10000, 8.875, true, 9185, 815, 10000], // 10000 / 1.08875 = 9184.845… → 9185
    [1, 100, true, 1, 0, 1], // 0.5 → 1 net, so 0 tax
    [0, 8.875, false, 0, 0, 0],
    [12500, 0, false, 12500, 0, 12500],
  ])(
    'quotes %i at %d %% (inclusive: %s) as %i + %i = %i',
    (value, ratePercent, inclusive, subtotal, tax, total) => {
      expect(quoteTax(value, ratePercent, inclusive)).toEqual({ subtotal, tax, total, ratePercent });
    },
  );

  it('refuses an amount whose total could not be represented exactly, rather than round it silently', () => {
    expect(() => quoteTax(Number.MAX_SAFE_INTEGER, 100, false)).toThrow(RangeError);
    expect(() => quoteTax(-1, 5, false)).toThrow(RangeError);
    expect(() => quoteTax(10.5, 5, false)).toThrow(RangeError);
  });

  it('rounds half-up in integer arithmetic', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
  });

  it('picks the rate the practice chose for where the client lives', () => {
    const byState = {
      mode: 'by_state' as const,
      stateRates: { NY: 8.875, CA: 7.25 },
      pricesIncludeTax: false,
    };
    expect(applicableRate(byState, 'NY')).toBe(8.875);
    expect(applicableRate(byState, 'TX')).toBe(0);
    expect(applicableRate(byState, undefined)).toBe(0);
    expect(applicableRate({ mode: 'flat', ratePercent: 5, pricesIncludeTax: true }, 'NY')).toBe(5);
    expect(applicableRate({ mode: 'none', ratePercent: 5, pricesIncludeTax: false }, 'NY')).toBe(0);
  });
});
