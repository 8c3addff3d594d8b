import { ArborError } from '@arbor/contracts';
import { signatureHeadersOf } from './webhooks.controller';

describe('the headers a webhook hands to payments', () => {
  it('are the signature headers and the content type, and nothing else the sender sent', () => {
    expect(
      signatureHeadersOf({
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': 't=1,v1=abc',
        cookie: 'arbor_refresh=secret',
        authorization: 'Bearer token',
        'x-forwarded-for': '198.51.100.1',
        'user-agent': 'Stripe/1.0',
      }),
    ).toEqual({ 'content-type': 'application/json; charset=utf-8', 'stripe-signature': 't=1,v1=abc' });
    expect(signatureHeadersOf({ 'x-anet-signature': 'sha512=AB' })).toEqual({
      'x-anet-signature': 'sha512=AB',
    });
    expect(signatureHeadersOf({})).toEqual({});
  });

  it('refuse a signature header sent twice or longer than any signature', () => {
    const twice = (): unknown => signatureHeadersOf({ 'stripe-signature': ['t=1,v1=a', 't=1,v1=b'] });
    expect(twice).toThrow(ArborError);
    expect(() => signatureHeadersOf({ 'x-anet-signature': `sha512=${'A'.repeat(500)}` })).toThrow(
      expect.objectContaining({ code: 'validation_failed' }) as Error,
    );
  });
});
