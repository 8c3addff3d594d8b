import { ChargeBody, ChargeOutcome, PaymentSucceeded, RefundBody } from '@arbor/contracts';

const valid = {
  practiceId: '0192f0c8-8a1e-7cc1-b2a5-6f1e2d3c4b5a',
  invoiceId: '0192f0c8-8a1e-7cc1-b2a5-6f1e2d3c4b5b',
  amount: 12_500,
  currency: 'USD',
  paymentToken: 'pm_card_visa',
  idempotencyKey: 'pay-0192f0c8-8a1e',
};

describe('what a charge must say', () => {
  it('accepts a whole positive amount of cents, an ISO currency, a token and a key', () => {
    expect(ChargeBody.safeParse(valid).success).toBe(true);
    // A Converge ssl_token is all digits: it is a token, and accepted as one.
    expect(ChargeBody.safeParse({ ...valid, paymentToken: '4124939999999990' }).success).toBe(true);
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a negative amount', { amount: -100 }],
    ['a fractional amount', { amount: 12.5 }],
    ['a huge amount', { amount: 100_000_000 }],
    ['a lowercase currency', { currency: 'usd' }],
    ['an empty token', { paymentToken: '' }],
    ['a short key', { idempotencyKey: 'abc' }],
    ['a key with spaces', { idempotencyKey: 'two words here' }],
  ])('refuses %s', (_name, change) => {
    expect(ChargeBody.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('answers one of three outcomes, a declined one in words', () => {
    expect(ChargeOutcome.safeParse({ status: 'declined', attemptId: valid.invoiceId }).success).toBe(false);
    expect(
      ChargeOutcome.safeParse({
        status: 'declined',
        attemptId: valid.invoiceId,
        reason: 'Your card was declined.',
      }).success,
    ).toBe(true);
  });

  it('refunds a positive amount or, when none is given, what remains', () => {
    const refund = {
      practiceId: valid.practiceId,
      attemptId: valid.invoiceId,
      idempotencyKey: valid.idempotencyKey,
    };
    expect(RefundBody.safeParse(refund).success).toBe(true);
    expect(RefundBody.safeParse({ ...refund, amount: 0 }).success).toBe(false);
  });

  it('never lets card data into a payment event', () => {
    const data = {
      practiceId: valid.practiceId,
      invoiceId: valid.invoiceId,
      attemptId: valid.invoiceId,
      amount: 100,
      currency: 'USD',
      processor: 'stripe',
      processorReference: 'pi_123',
    };
    // Unknown members are dropped, so a token or card number put there by mistake never leaves.
    const parsed = PaymentSucceeded.data.parse({
      ...data,
      token: 'pm_card_visa',
      cardNumber: '4242424242424242',
    });
    expect(parsed).toEqual(data);
  });
});
