import { SafeString } from './common';
import { RatePercent } from './payments/sales-tax.types';

describe('SafeString', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'must not contain NUL characters'],
    ['a lone high surrogate', 'a\uD800b', 'must not contain unpaired surrogate characters'],
    ['a lone low surrogate at the end', 'ab\uDC00', 'must not contain unpaired surrogate characters'],
    ['surrogates in the wrong order', '\uDC00\uD800', 'must not contain unpaired surrogate characters'],
  ])('refuses %s', (_name, value, message) => {
    const result = SafeString.safeParse(value);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });

  it('accepts any well-formed text, emoji (surrogate pairs) included', () => {
    for (const value of ['', 'Клиника «Берёза» 🌳', '佐藤 花子', 'tab\tand\nnewline', '\u202e']) {
      expect([value, SafeString.safeParse(value).success]).toEqual([value, true]);
    }
  });
});

describe('RatePercent', () => {
  it.each([1e-320, 5e-324, 0.1 + 0.2, 8.87501, 100.0001, -0.0001, 1e308])('refuses %p', (rate) => {
    expect(RatePercent.safeParse(rate).success).toBe(false);
  });

  it.each([0, -0, 100, 8.875, 7.0625, 0.0001, 6.35])('accepts %p', (rate) => {
    expect(RatePercent.safeParse(rate).success).toBe(true);
  });
});
