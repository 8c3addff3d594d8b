import { z } from 'zod';

/**
 * The globals the processors' own scripts define, as far as Arbor uses them: Stripe.js
 * (`Stripe`), Accept.js (`Accept`) and Converge's Checkout.js (`ConvergeEmbeddedPayment`).
 * Their answers come from outside the app, so each is read through a schema below.
 */
export interface StripeCardElement {
  mount(element: HTMLElement): void;
  on(event: 'change', handler: (event: unknown) => void): void;
  destroy(): void;
}
export interface StripeInstance {
  elements(): { create(type: 'card', options?: Record<string, unknown>): StripeCardElement };
  createPaymentMethod(data: { type: 'card'; card: StripeCardElement }): Promise<unknown>;
}
export type StripeFactory = (publishableKey: string) => StripeInstance;

export interface AcceptSecureData {
  authData: { clientKey: string; apiLoginID: string };
  cardData: { cardNumber: string; month: string; year: string; cardCode: string; zip?: string };
}
export interface AcceptJs {
  dispatchData(secureData: AcceptSecureData, handler: (response: unknown) => void): void;
}

export interface ConvergePaymentData {
  ssl_txn_auth_token: string;
  ssl_card_number: string;
  ssl_exp_date: string;
  ssl_cvv2cvc2: string;
  ssl_avs_zip?: string;
}
export interface ConvergeCallbacks {
  onError(error: unknown): void;
  onDeclined(response: unknown): void;
  onApproval(response: unknown): void;
  onCancelled?(): void;
}
export interface ConvergeEmbeddedPaymentJs {
  pay(paymentData: ConvergePaymentData, callbacks: ConvergeCallbacks): void;
}

declare global {
  interface Window {
    Stripe?: StripeFactory;
    Accept?: AcceptJs;
    ConvergeEmbeddedPayment?: ConvergeEmbeddedPaymentJs;
  }
}

/** `stripe.createPaymentMethod` resolves with one or the other. */
export const StripePaymentMethodResult = z.union([
  z.object({ paymentMethod: z.object({ id: z.string().min(1) }) }),
  z.object({ error: z.object({ message: z.string().optional() }) }),
]);

/** The card Element's `change` event: an `error` while what was typed is not a valid card. */
export const StripeChangeEvent = z.object({ error: z.object({ message: z.string() }).optional() });

/** Accept.js's answer: `opaqueData` when `resultCode` is `Ok`, else the messages say why. */
export const AcceptResponse = z.object({
  opaqueData: z.object({ dataValue: z.string().min(1) }).optional(),
  messages: z.object({
    resultCode: z.enum(['Ok', 'Error']),
    message: z.array(z.object({ code: z.string(), text: z.string() })),
  }),
});

/** Converge's approval of a `ccgettoken`: the token to pay with. */
export const ConvergeApproval = z.object({ ssl_token: z.string().min(1) });

/** A Converge decline or error carries its reason in one of these, when it carries one. */
export const ConvergeReason = z.object({
  ssl_result_message: z.string().optional(),
  errorMessage: z.string().optional(),
  errorName: z.string().optional(),
});
