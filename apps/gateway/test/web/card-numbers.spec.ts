import { findCardNumbers, masked } from './card-numbers';

describe('findCardNumbers', () => {
  it.each([
    ['straight', 'card=4242424242424242;'],
    ['in groups of four with spaces', 'typed "4242 4242 4242 4242" then paid'],
    ['in groups of four with dashes', 'number: 4242-4242-4242-4242'],
    ['followed by its expiry and CVC', '4242 4242 4242 4242 12 30 123'],
    ['in a JSON row', '{"id":7,"body":{"cardNumber":"4242424242424242"}}'],
  ])('finds 4242 4242 4242 4242 written %s', (_how, text) => {
    expect(findCardNumbers(text)).toContain('4242424242424242');
  });

  it('finds other networks’ test cards: Amex (15 digits, grouped 4-6-5), Mastercard 2-series, Diners', () => {
    expect(findCardNumbers('3782 822463 10005 / 2223003122003222 / 3056 930009 020004')).toEqual([
      '378282246310005',
      '2223003122003222',
      '3056930009020004',
    ]);
  });

  it.each([
    ['a run that fails Luhn', '4242 4242 4242 4240'],
    ['an ISO timestamp', '2026-12-01T14:03:10.128Z'],
    ['a compact timestamp that passes Luhn', 'ssl_txn_time=20261201140310'],
    ['epoch milliseconds that pass Luhn', '{"time":1764597809128}'],
    ['a UUID', '01937a1e-0000-7000-8000-000000004242'],
    ['a phone number', '+1 555 010 2030'],
    ['digits inside hex of ciphertext', '\\x9a4242424242424242ff'],
    ['too few digits', '4242 4242 4242'],
    ['too many digits in one run', '42424242424242424242424'],
  ])('ignores %s', (_what, text) => {
    expect(findCardNumbers(text)).toEqual([]);
  });

  it('leaves out digit strings the caller knows are not cards (processor tokens)', () => {
    expect(findCardNumbers('ssl_token=4242424242424242', new Set(['4242424242424242']))).toEqual([]);
  });

  it('masks a found number to its first six and last four digits', () => {
    expect(masked('4242424242424242')).toBe('424242••••••4242');
  });
});
