import { PaymentConfig, type ProcessorType } from '@arbor/contracts';
import type { ClientConfig, PaymentSession } from '../processors/payment-processor';

/**
 * The processor sandbox's look-alikes of the processors' browser scripts, on the sandbox's own
 * origin as its API is: with a sandbox configured (demo, tests) the browser must tokenize there
 * too, or the token it makes would be one the sandbox never issued.
 */
export function sandboxScriptUrls(sandboxUrl: string): Record<ProcessorType, string> {
  return {
    stripe: new URL('/js/stripe/v3/', sandboxUrl).toString(),
    authorize_net: new URL('/js/authorize-net/v1/Accept.js', sandboxUrl).toString(),
    elavon: new URL('/hosted-payments/Checkout.js', sandboxUrl).toString(),
  };
}

/**
 * What the browser is told, field by field from the adapter's public configuration: never the
 * credentials object, so a secret key, transaction key or PIN has no way into the answer. The
 * script is the sandbox's when one is configured, else the one the adapter names for the
 * account's environment (Accept.js of sandbox or production, Checkout.js of demo or production).
 */
export function paymentConfigOf(
  client: ClientConfig,
  session: PaymentSession | undefined,
  sandboxScripts: Record<ProcessorType, string> | undefined,
): PaymentConfig {
  const scriptUrl = sandboxScripts?.[client.processor] ?? client.scriptUrl;
  switch (client.processor) {
    case 'stripe':
      return PaymentConfig.parse({ processor: 'stripe', scriptUrl, publishableKey: client.publishableKey });
    case 'authorize_net':
      return PaymentConfig.parse({
        processor: 'authorize_net',
        scriptUrl,
        apiLoginId: client.apiLoginId,
        publicClientKey: client.publicClientKey,
      });
    case 'elavon':
      if (!session) throw new Error('Checkout.js needs a session token: ask Converge for one first');
      return PaymentConfig.parse({ processor: 'elavon', scriptUrl, transactionToken: session.sessionToken });
  }
}
