import { createHmac, randomBytes } from 'node:crypto';

/**
 * The `Stripe-Signature` header Stripe puts on every webhook delivery
 * (https://docs.stripe.com/webhooks#verify-manually): `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" keyed with the endpoint's signing secret>`.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

/** A signing secret shaped like the dashboard's: `whsec_` and 32 random bytes, base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32)
    .toString('base64')
    .replace(/[^0-9A-Za-z]/g, '')}`;
}
