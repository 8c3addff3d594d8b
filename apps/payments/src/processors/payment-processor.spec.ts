import { ArborError } from '@arbor/contracts';
import {
  WebhookRejectedError,
  attemptReference,
  decimalToMinor,
  headerValue,
  minorToDecimal,
  requireAmount,
  requireUsd,
} from './payment-processor';

describe('money on the wire', () => {
  it.each([
    [1, '0.01'],
    [50, '0.50'],
    [1234, '12.34'],
    [100000, '1000.00'],
    [99_999_999, '999999.99'],
  ])('writes %i cents as "%s"', (cents, text) => {
    expect(minorToDecimal(cents)).toBe(text);
    expect(decimalToMinor(text)).toBe(cents);
  });

  it('reads the shapes processors answer with, exactly', () => {
    expect(decimalToMinor('12.3')).toBe(1230);
    expect(decimalToMinor('12')).toBe(1200);
    expect(decimalToMinor(25.5)).toBe(2550);
    // 0.29 * 100 is 28.999999999999996 in floating point; the text route is exact.
    expect(decimalToMinor('0.29')).toBe(29);
    expect(decimalToMinor(0.29)).toBe(29);
  });

  it.each(['', '-1.00', '1.234', 'abc', '1,00', ' ', '.5'])('refuses %j', (text) => {
    expect(decimalToMinor(text)).toBeUndefined();
  });

  it('refuses amounts that are not positive whole cents before any call', () => {
    for (const bad of [0, -100, 12.5, Number.NaN, 2 ** 60]) {
      expect(() => requireAmount(bad)).toThrow(ArborError);
    }
    expect(() => requireAmount(1)).not.toThrow();
  });

  it('lets Authorize.net and Converge charge USD only', () => {
    expect(() => requireUsd('USD', 'Converge')).not.toThrow();
    expect(() => requireUsd('usd', 'Converge')).not.toThrow();
    expect(() => requireUsd('eur', 'Converge')).toThrow(/USD only/);
  });
});

describe('attemptReference', () => {
  it('is a stable 20-character reference that does not reveal the key', () => {
    const key = '01937c6e-8a41-7c3b-9d0e-5f2a1b3c4d5e';
    const reference = attemptReference(key);
    expect(reference).toMatch(/^[0-9a-f]{20}$/);
    expect(attemptReference(key)).toBe(reference);
    expect(attemptReference(`${key}x`)).not.toBe(reference);
    expect(reference).not.toContain('01937c6e');
  });
});

describe('headerValue', () => {
  it('finds a header whatever its case, the first of repeated values', () => {
    const headers = { 'Stripe-Signature': 't=1,v1=a', 'x-anet-signature': ['sha512=AA', 'sha512=BB'] };
    expect(headerValue(headers, 'stripe-signature')).toBe('t=1,v1=a');
    expect(headerValue(headers, 'X-ANET-Signature')).toBe('sha512=AA');
    expect(headerValue(headers, 'missing')).toBeUndefined();
  });
});

describe('WebhookRejectedError', () => {
  it('maps to the problem codes the gateway turns into 401, 400 and 404', () => {
    expect(new WebhookRejectedError('bad_signature', 'x').code).toBe('unauthenticated');
    expect(new WebhookRejectedError('stale', 'x').code).toBe('unauthenticated');
    expect(new WebhookRejectedError('malformed', 'x').toWire()).toEqual({
      code: 'validation_failed',
      message: 'x',
      details: { errors: [{ path: 'body', message: 'x' }] },
    });
    expect(new WebhookRejectedError('not_supported', 'x').code).toBe('not_found');
    expect(new WebhookRejectedError('stale', 'x').toWire()).toEqual({
      code: 'unauthenticated',
      message: 'x',
      details: { reason: 'stale' },
    });
  });
});
