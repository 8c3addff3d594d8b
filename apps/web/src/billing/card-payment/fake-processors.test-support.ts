import { fireEvent, waitFor } from '@testing-library/react';
import { vi } from 'vitest';
import type { PaymentConfig } from '@arbor/contracts';
import type {
  AcceptJs,
  AcceptSecureData,
  ConvergeCallbacks,
  ConvergeEmbeddedPaymentJs,
  ConvergePaymentData,
  StripeCardElement,
  StripeFactory,
} from './processor-scripts';

// Test-only stand-ins for the processors' scripts, installed by the tests on `window` the way
// the real scripts define their globals once loaded. The app never installs them.

let scripts = 0;
/** Each config its own script URL: the app loads a URL once per page, and tests share the page. */
export function paymentConfig<P extends PaymentConfig['processor']>(
  processor: P,
  overrides: Partial<Extract<PaymentConfig, { processor: P }>> = {},
): Extract<PaymentConfig, { processor: P }> {
  const scriptUrl = `https://processor.test/${processor}/${(scripts += 1)}.js`;
  const base: Record<PaymentConfig['processor'], PaymentConfig> = {
    stripe: { processor: 'stripe', scriptUrl, publishableKey: 'pk_test_publishable' },
    authorize_net: {
      processor: 'authorize_net',
      scriptUrl,
      apiLoginId: 'login-id',
      publicClientKey: 'public-client-key',
    },
    elavon: { processor: 'elavon', scriptUrl, transactionToken: 'session-token-1' },
  };
  return { ...base[processor], ...overrides } as Extract<PaymentConfig, { processor: P }>;
}

/** The `<script>` the app added for `url` fires `load` (or `error`), as the browser would. */
export async function finishScript(url: string, outcome: 'load' | 'error' = 'load'): Promise<void> {
  const script = await waitFor(() => {
    const found = document.head.querySelector<HTMLScriptElement>(`script[src="${url}"]`);
    if (!found) throw new Error(`no script ${url} yet`);
    return found;
  });
  fireEvent(script, new Event(outcome));
}

/** Stripe.js: the card Element mounts (where Stripe's iframe would be); each createPaymentMethod answers the next result. */
export function installStripe(results: unknown[]) {
  const mounted: HTMLElement[] = [];
  const createPaymentMethod = vi.fn(() => Promise.resolve(results.shift()));
  const factory: StripeFactory = vi.fn(() => ({
    elements: () => ({
      create: (): StripeCardElement => ({
        mount: (element) => void mounted.push(element),
        on: () => undefined,
        destroy: () => undefined,
      }),
    }),
    createPaymentMethod,
  }));
  vi.stubGlobal('Stripe', factory);
  return { factory, mounted, createPaymentMethod };
}

/** Accept.js: each dispatchData answers the next response, and records what it was given. */
export function installAccept(responses: unknown[]) {
  const received: AcceptSecureData[] = [];
  const accept: AcceptJs = {
    dispatchData: (data, handler) => {
      received.push(data);
      const response = responses.shift();
      setTimeout(() => handler(response), 0);
    },
  };
  vi.stubGlobal('Accept', accept);
  return { received };
}

type ConvergeAnswer = { [K in keyof Required<ConvergeCallbacks>]: [K, unknown] }[keyof ConvergeCallbacks];

/** Checkout.js: each pay calls the callback the next answer names, and records what it was given. */
export function installConverge(answers: ConvergeAnswer[]) {
  const received: ConvergePaymentData[] = [];
  const converge: ConvergeEmbeddedPaymentJs = {
    pay: (data, callbacks) => {
      received.push(data);
      const [callback, value] = answers.shift() ?? ['onError', 'no answer scripted'];
      setTimeout(() => callbacks[callback]?.(value), 0);
    },
  };
  vi.stubGlobal('ConvergeEmbeddedPayment', converge);
  return { received };
}

export const acceptOk = (dataValue: string) => ({
  opaqueData: { dataDescriptor: 'COMMON.ACCEPT.INAPP.PAYMENT', dataValue },
  messages: { resultCode: 'Ok', message: [{ code: 'I_WC_01', text: 'Successful.' }] },
});
export const acceptError = (text: string) => ({
  messages: { resultCode: 'Error', message: [{ code: 'E_WC_05', text }] },
});
