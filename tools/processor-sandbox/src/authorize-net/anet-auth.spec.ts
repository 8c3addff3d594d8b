import { authenticateMerchant, E00007 } from './anet-auth';

describe('authenticateMerchant', () => {
  it('accepts any well-formed login and 16-character transaction key', () => {
    expect(authenticateMerchant({ name: '5KP3u95bQpv', transactionKey: '346HZ32z3fP4hTG2' }, false)).toEqual({
      ok: true,
      merchant: '5KP3u95bQpv',
    });
  });

  it.each([
    [undefined],
    [{}],
    [{ name: '5KP3u95bQpv' }],
    [{ name: '5KP3u95bQpv', transactionKey: 'short' }],
    [{ name: 'bad name!', transactionKey: '346HZ32z3fP4hTG2' }],
    [{ name: '', transactionKey: '346HZ32z3fP4hTG2' }],
    [{ name: '5KP3u95bQpv', transactionKey: '346HZ32z3fP4hT-2' }],
  ])('refuses %p with E00007', (auth) => {
    expect(authenticateMerchant(auth, false)).toEqual({ ok: false, message: E00007 });
  });

  it('fails schema validation (E00003) for values over their maximum length', () => {
    const longName = authenticateMerchant(
      { name: 'a'.repeat(26), transactionKey: '346HZ32z3fP4hTG2' },
      false,
    );
    expect(longName.ok).toBe(false);
    if (!longName.ok) expect(longName.message.code).toBe('E00003');
    const longKey = authenticateMerchant({ name: 'abc', transactionKey: 'a'.repeat(17) }, false);
    expect(longKey.ok).toBe(false);
    if (!longKey.ok) expect(longKey.message.text).toContain('MaxLength');
  });

  it('takes a public client key only where Accept allows it', () => {
    const auth = { name: '5KP3u95bQpv', clientKey: '7w8ZBk3Gs8Nq9zNPx9XVKv3bF3Wc8C2m' };
    expect(authenticateMerchant(auth, true).ok).toBe(true);
    expect(authenticateMerchant(auth, false).ok).toBe(false);
  });
});
