import { canonicalForm, FormParseError, parseStripeForm, splitKey } from './stripe-form';

describe('parseStripeForm', () => {
  it('reads flat, nested and indexed parameters as the SDK encodes them', () => {
    const body =
      'amount=1000&currency=usd&metadata[invoice]=INV-1&metadata[note]=a%20b&payment_method_types[0]=card&automatic_payment_methods[enabled]=true';
    expect(parseStripeForm(body)).toEqual({
      amount: '1000',
      currency: 'usd',
      metadata: { invoice: 'INV-1', note: 'a b' },
      payment_method_types: ['card'],
      automatic_payment_methods: { enabled: 'true' },
    });
  });

  it('reads empty brackets as appended array items', () => {
    expect(parseStripeForm('expand[]=latest_charge&expand[]=payment_method')).toEqual({
      expand: ['latest_charge', 'payment_method'],
    });
  });

  it('decodes + as a space and percent escapes', () => {
    expect(parseStripeForm('description=Therapy+session%20%26+notes')).toEqual({
      description: 'Therapy session & notes',
    });
  });

  it('reads an empty body as no parameters', () => expect(parseStripeForm('')).toEqual({}));

  it('refuses malformed keys and conflicting values', () => {
    expect(() => parseStripeForm('a[b=1')).toThrow(FormParseError);
    expect(() => parseStripeForm('a=1&a[b]=2')).toThrow(FormParseError);
    expect(() => parseStripeForm('a=%E0%A4%A')).toThrow(FormParseError);
  });

  it('splits bracketed keys', () => expect(splitKey('a[b][0]')).toEqual(['a', 'b', '0']));
});

describe('canonicalForm', () => {
  it('ignores key order but not values', () => {
    const a = parseStripeForm('amount=1&metadata[x]=1&metadata[y]=2');
    const b = parseStripeForm('metadata[y]=2&metadata[x]=1&amount=1');
    const c = parseStripeForm('amount=2&metadata[x]=1&metadata[y]=2');
    expect(canonicalForm(a)).toBe(canonicalForm(b));
    expect(canonicalForm(a)).not.toBe(canonicalForm(c));
  });
});
