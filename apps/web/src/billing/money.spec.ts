import { describe, expect, it } from 'vitest';
import { centsOf, formatMoney } from './money';

describe('centsOf', () => {
  it('reads dollars as whole cents without float error', () => {
    expect(centsOf('125')).toBe(12500);
    expect(centsOf('125.5')).toBe(12550);
    expect(centsOf('0.29')).toBe(29);
    expect(centsOf('$1,250.07')).toBe(125007);
    expect(centsOf('.5')).toBe(50);
  });

  it('refuses what is not an amount of whole cents', () => {
    for (const typed of ['', 'abc', '1.005', '-5', '1,25', '1.2.3', '.']) {
      expect(centsOf(typed)).toBeUndefined();
    }
  });
});

describe('formatMoney', () => {
  it("uses the currency's own minor unit", () => {
    expect(formatMoney(12550, 'USD')).toContain('125.50');
    expect(formatMoney(500, 'JPY')).toContain('500');
  });
});
