import { PaymentIdempotencyKey as PaymentsKey } from '@arbor/contracts';
import { paymentIdempotencyKey } from './payment-idempotency-key';

const scope = {
  userId: 'f3b5c0de-0000-4000-8000-000000000001',
  method: 'POST',
  path: '/api/v1/portal/invoices/a/pay',
};

describe('paymentIdempotencyKey', () => {
  it('gives a retry with the same key the same key, of the form payments takes, whatever the client sent', () => {
    for (const sent of ['1', 'a key with spaces', 'x'.repeat(255)]) {
      const key = paymentIdempotencyKey(sent, scope);
      expect(paymentIdempotencyKey(sent, scope)).toBe(key);
      expect(PaymentsKey.safeParse(key).success).toBe(true);
      expect(key).not.toBe(sent);
    }
  });

  it('never lets two people, two operations or two invoices share a key', () => {
    const key = paymentIdempotencyKey('1', scope);
    expect(paymentIdempotencyKey('1', { ...scope, userId: 'f3b5c0de-0000-4000-8000-000000000002' })).not.toBe(
      key,
    );
    expect(paymentIdempotencyKey('1', { ...scope, path: '/api/v1/portal/invoices/b/pay' })).not.toBe(key);
    expect(paymentIdempotencyKey('1', { ...scope, method: 'PUT' })).not.toBe(key);
  });

  it('makes a request without a key a new operation each time, as Stripe does', () => {
    const first = paymentIdempotencyKey(undefined, scope);
    expect(paymentIdempotencyKey(undefined, scope)).not.toBe(first);
    expect(PaymentsKey.safeParse(first).success).toBe(true);
  });
});
