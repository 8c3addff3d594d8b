import { z } from 'zod';
import { command } from '../contract';
import { Id } from '../common';
import { ProcessorType } from './processor-account.types';

/**
 * The largest webhook body Arbor takes. Stripe's events are a few kilobytes, Authorize.net's well
 * under one; a body this large is no processor's, and nobody signed in is behind it.
 */
export const WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/**
 * The only request headers that reach payments: the signatures and the body's type. Anything
 * else a sender adds (cookies, forwarding headers) stays at the gateway.
 */
export const WebhookSignatureHeaders = z.strictObject({
  'content-type': z.string().max(200).optional(),
  'stripe-signature': z.string().max(2048).optional(),
  'x-anet-signature': z.string().max(200).optional(),
});
export type WebhookSignatureHeaders = z.infer<typeof WebhookSignatureHeaders>;

export const WEBHOOK_HEADER_NAMES = Object.keys(WebhookSignatureHeaders.shape) as ReadonlyArray<
  keyof WebhookSignatureHeaders
>;

export const ReceiveWebhookBody = z.object({
  processor: ProcessorType,
  /** From the URL the practice gave its processor: the account whose secret signs the events. */
  processorAccountId: Id,
  headers: WebhookSignatureHeaders,
  /**
   * The body exactly as received, base64: the signature is over these bytes, so it is never
   * parsed and re-serialised on the way.
   */
  rawBody: z.base64().max(Math.ceil(WEBHOOK_MAX_BODY_BYTES / 3) * 4),
});
export type ReceiveWebhookBody = z.infer<typeof ReceiveWebhookBody>;

/**
 * `applied`: Arbor acted on it (recorded a refund made at the processor, settled a payment).
 * `duplicate`: this event was received before; nothing happened again. `ignored`: verified, but
 * nothing Arbor acts on (another event type, or about a charge Arbor did not make).
 */
export const WebhookReceipt = z.object({ outcome: z.enum(['applied', 'duplicate', 'ignored']) });
export type WebhookReceipt = z.infer<typeof WebhookReceipt>;

/**
 * A processor's webhook, verified by payments with the account's own secret (`unauthenticated`
 * for a bad or missing signature or no secret configured, `validation_failed` for a malformed
 * one, `not_found` for an unknown account or a processor that sends none) and acted on once per
 * event id.
 */
export const ReceiveProcessorWebhook = command('payments.webhook.receive.v1', {
  payload: z.object({ webhook: ReceiveWebhookBody }),
  reply: WebhookReceipt,
});
