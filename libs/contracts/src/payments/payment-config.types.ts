import { z } from 'zod';

/**
 * What a browser needs to tokenize a card with the practice's active processor, and nothing
 * more: public keys only (a secret key, transaction key or PIN never leaves payments). The
 * browser loads `scriptUrl` (the processor's own script, or in the demo and tests the processor
 * sandbox's look-alike of it), tokenizes there, and pays with the token it gets back.
 */
export const PaymentConfig = z.discriminatedUnion('processor', [
  z.object({
    processor: z.literal('stripe'),
    /** Stripe.js (`https://js.stripe.com/v3/`). */
    scriptUrl: z.url(),
    publishableKey: z.string().min(1).max(255),
  }),
  z.object({
    processor: z.literal('authorize_net'),
    /** Accept.js (`https://js.authorize.net/v1/Accept.js`, or jstest for sandbox accounts). */
    scriptUrl: z.url(),
    apiLoginId: z.string().min(1).max(25),
    publicClientKey: z.string().min(1).max(128),
  }),
  z.object({
    processor: z.literal('elavon'),
    /** Checkout.js (`https://api.convergepay.com/hosted-payments/Checkout.js`, or the demo host). */
    scriptUrl: z.url(),
    /**
     * A one-use Hosted Payments session token (`ssl_txn_auth_token`) made for a `ccgettoken`:
     * Converge turns the card into an `ssl_token`, which is what the browser pays with.
     */
    transactionToken: z.string().min(1).max(512),
  }),
]);
export type PaymentConfig = z.infer<typeof PaymentConfig>;
