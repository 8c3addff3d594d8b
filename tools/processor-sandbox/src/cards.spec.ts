import { brandOf, isExpired, lastFour, parseExpiry, passesLuhn } from './cards';

describe('card helpers', () => {
  it.each(['4111111111111111', '4007000000027', '4242424242424242', '5424000000000015', '370000000000002'])(
    'accepts the test number %s by Luhn',
    (number) => expect(passesLuhn(number)).toBe(true),
  );

  it.each(['4111111111111112', '4242424242424241', '1234', '', '41111111111111x1'])(
    'refuses %p by Luhn',
    (number) => expect(passesLuhn(number)).toBe(false),
  );

  it.each([
    ['4111111111111111', 'visa'],
    ['5424000000000015', 'mastercard'],
    ['2223000010309703', 'mastercard'],
    ['370000000000002', 'amex'],
    ['6011000000000012', 'discover'],
    ['3088000000000017', 'jcb'],
    ['38000000000006', 'diners'],
  ])('names the brand of %s', (number, brand) => expect(brandOf(number)).toBe(brand));

  it('keeps the last four digits only', () => expect(lastFour('4111111111111111')).toBe('1111'));

  it.each([
    ['1230', { month: 12, year: 2030 }],
    ['12/30', { month: 12, year: 2030 }],
    ['122030', { month: 12, year: 2030 }],
    ['2030-12', { month: 12, year: 2030 }],
  ])('reads the expiry %s', (text, expected) => expect(parseExpiry(text)).toEqual(expected));

  it.each(['1330', '0030', 'XXXX', '', '12-30'])('refuses the expiry %p', (text) =>
    expect(parseExpiry(text)).toBeNull(),
  );

  it('treats a card as valid through the last day of its expiry month', () => {
    const expiry = { month: 6, year: 2030 };
    expect(isExpired(expiry, new Date('2030-06-30T23:59:59Z'))).toBe(false);
    expect(isExpired(expiry, new Date('2030-07-01T00:00:00Z'))).toBe(true);
  });
});
