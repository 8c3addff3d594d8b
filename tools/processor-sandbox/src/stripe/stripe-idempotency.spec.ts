import { parseStripeForm } from './stripe-form';
import { IdempotencyStore } from './stripe-idempotency';

describe('IdempotencyStore', () => {
  const params = parseStripeForm('amount=1000&currency=usd');
  const saved = { status: 200, body: '{"id":"pi_1"}' };

  it('replays the saved answer for the same key and parameters', () => {
    const store = new IdempotencyStore();
    expect(store.lookup('sk_test_a', 'k1', 'POST', '/v1/payment_intents', params)).toEqual({ kind: 'new' });
    store.save('sk_test_a', 'k1', 'POST', '/v1/payment_intents', params, saved);
    expect(
      store.lookup(
        'sk_test_a',
        'k1',
        'POST',
        '/v1/payment_intents',
        parseStripeForm('currency=usd&amount=1000'),
      ),
    ).toEqual({
      kind: 'replay',
      response: saved,
    });
  });

  it('refuses the same key with other parameters or another endpoint', () => {
    const store = new IdempotencyStore();
    store.save('sk_test_a', 'k1', 'POST', '/v1/payment_intents', params, saved);
    const other = store.lookup(
      'sk_test_a',
      'k1',
      'POST',
      '/v1/payment_intents',
      parseStripeForm('amount=2000&currency=usd'),
    );
    expect(other).toEqual({
      kind: 'mismatch',
      message:
        "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'k1' if you meant to execute a different request.",
    });
    expect(store.lookup('sk_test_a', 'k1', 'POST', '/v1/refunds', params).kind).toBe('mismatch');
  });

  it('scopes keys to the account', () => {
    const store = new IdempotencyStore();
    store.save('sk_test_a', 'k1', 'POST', '/v1/payment_intents', params, saved);
    expect(store.lookup('sk_test_b', 'k1', 'POST', '/v1/payment_intents', params)).toEqual({ kind: 'new' });
  });
});
