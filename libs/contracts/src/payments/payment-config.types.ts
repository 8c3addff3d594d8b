import { z } from 'zod';

/**
 * What a browser needs to tokenize a card with the practice's active processor, and nothing
 * more: public keys only (a secret key, transaction key or PIN never leaves payments). The
 * browser loads `scriptUrl` (the processor's own script, or in the demo and tests the processor
 * sandbox's look-alike of it), tokenizes there, and pays with the token it gets back. Asked for
 * each payment page (`GET /portal/invoices/{iid}/payment-config`) and never cached.
 */
export const PaymentConfig = z.discriminatedUnion('processor', [
  z.object({
    processor: z.literal('stripe'),
    /** Stripe.js (`https://js.stripe.com/v3/`), or the sandbox's `…/js/stripe/v3/`. */
    scriptUrl: z.url(),
    publishableKey: z.string().min(1).max(255),
  }),
  z.object({
    processor: z.literal('authorize_net'),
    /**
     * Accept.js of the account's environment: `https://js.authorize.net/v1/Accept.js`, or
     * `https://jstest.authorize.net/v1/Accept.js` for a sandbox account; the sandbox's
     * `…/js/authorize-net/v1/Accept.js` in the demo and tests.
     */
    scriptUrl: z.url(),
    apiLoginId: z.string().min(1).max(25),
    publicClientKey: z.string().min(1).max(128),
  }),
  z.object({
    processor: z.literal('elavon'),
    /**
     * Checkout.js of the account's environment: `https://api.convergepay.com/hosted-payments/Checkout.js`,
     * or the same path on `api.demo.convergepay.com`; the sandbox's `…/hosted-payments/Checkout.js`.
     */
    scriptUrl: z.url(),
    /**
     * A one-use Hosted Payments session token (`ssl_txn_auth_token`) made for a `ccgettoken`:
     * Converge turns the card into an `ssl_token`, which is what the browser pays with. Fresh on
     * every answer: one tokenization each.
     */
    transactionToken: z.string().min(1).max(512),
  }),
]);
export type PaymentConfig = z.infer<typeof PaymentConfig>;
