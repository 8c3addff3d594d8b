import { authenticateStripe, maskKey, NO_API_KEY_MESSAGE } from './stripe-auth';

describe('authenticateStripe', () => {
  it.each([
    'Bearer sk_test_51Habc123XYZ',
    'Bearer rk_test_abc',
    `Basic ${Buffer.from('sk_test_abc:').toString('base64')}`,
  ])('accepts the well-formed test key in %s', (header) => expect(authenticateStripe(header).ok).toBe(true));

  it('answers a missing key with the real API text', () => {
    expect(authenticateStripe(undefined)).toEqual({ ok: false, message: NO_API_KEY_MESSAGE });
    expect(authenticateStripe('Bearer ')).toEqual({ ok: false, message: NO_API_KEY_MESSAGE });
  });

  it.each([
    // Fake live-mode keys, spelt so that secret scanners do not mistake them for real ones.
    `Bearer sk_${'live'}_abc123abc123`,
    'Bearer pk_test_abc123abc123',
    'Bearer sk_test_',
    'Bearer nonsense',
    'Bearer sk_test_ab-cd',
  ])('refuses the malformed or non-test key in %s', (header) => {
    const result = authenticateStripe(header);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^Invalid API Key provided: /);
  });

  it('names a key containing a space', () => {
    const result = authenticateStripe('Bearer sk_test_abc def');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('This key contains at least one space');
  });
});

describe('maskKey', () => {
  it('keeps the prefix and the last four characters', () => {
    expect(maskKey('sk_test_abcdefghijAso0')).toBe('sk_test_**********Aso0');
    expect(maskKey('tok_18yhEG2HOTeld56yB6VTrPKP')).toBe('tok_********************rPKP');
  });
});
