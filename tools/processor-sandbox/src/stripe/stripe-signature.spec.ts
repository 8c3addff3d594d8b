import Stripe from 'stripe';
import { newWebhookSecret, stripeSignatureHeader } from './stripe-signature';

// The official SDK's verifier is the reference: what it accepts, Stripe would have signed.
const stripe = new Stripe('sk_test_unit');

describe('stripeSignatureHeader', () => {
  const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' }, null, 2);
  const secret = newWebhookSecret();

  it('is accepted by stripe.webhooks.constructEvent', () => {
    const header = stripeSignatureHeader(payload, secret, Math.floor(Date.now() / 1000));
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(stripe.webhooks.constructEvent(payload, header, secret).id).toBe('evt_1');
  });

  it('matches the SDK test helper byte for byte', () => {
    const timestamp = 1_700_000_000;
    expect(stripeSignatureHeader(payload, secret, timestamp)).toBe(
      stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }),
    );
  });

  it('fails verification when the body is tampered with, the secret differs or it is stale', () => {
    const now = Math.floor(Date.now() / 1000);
    const header = stripeSignatureHeader(payload, secret, now);
    expect(() => stripe.webhooks.constructEvent(payload.replace('evt_1', 'evt_2'), header, secret)).toThrow();
    expect(() => stripe.webhooks.constructEvent(payload, header, newWebhookSecret())).toThrow();
    const stale = stripeSignatureHeader(payload, secret, now - 3600);
    expect(() => stripe.webhooks.constructEvent(payload, stale, secret, 300)).toThrow(/tolerance/);
  });

  it('makes dashboard-shaped secrets', () => expect(newWebhookSecret()).toMatch(/^whsec_[0-9A-Za-z]{30,}$/));
});
