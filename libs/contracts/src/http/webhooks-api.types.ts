import { z } from 'zod';
import { Id } from '../common';
import { WEBHOOK_MAX_BODY_BYTES, WebhookReceipt } from '../payments/receive-webhook.command';
import type { ProcessorType } from '../payments/processor-account.types';
import { route } from './route.types';

/** How a processor is named in a webhook URL (the address a practice pastes into its dashboard). */
export const WebhookProcessorSlug = z.enum(['stripe', 'authorize-net', 'elavon']);
export type WebhookProcessorSlug = z.infer<typeof WebhookProcessorSlug>;

export const PROCESSOR_OF_SLUG: Readonly<Record<WebhookProcessorSlug, ProcessorType>> = {
  stripe: 'stripe',
  'authorize-net': 'authorize_net',
  elavon: 'elavon',
};

/**
 * The processor's event as it sent it. Only documented here: the gateway keeps the exact bytes
 * (the signature is over them, not over any re-serialised JSON) and payments reads the event
 * only once its signature checks out.
 */
export const ProcessorWebhookEvent = z
  .record(z.string(), z.unknown())
  .describe(
    "The processor's event, a JSON object, exactly as it signed it (Stripe: an Event; Authorize.net: a notification).",
  );

export const ReceiveProcessorWebhookRoute = route({
  operationId: 'receiveProcessorWebhook',
  method: 'POST',
  path: '/api/v1/webhooks/{processor}/{processorAccountId}',
  summary: "A processor's webhook: verified by its signature, acted on once per event id",
  description:
    'Called by Stripe (`Stripe-Signature`) or Authorize.net (`X-ANET-Signature`), never by a person: ' +
    'the URL a practice enters in its processor dashboard, ending in the id of the processor account ' +
    'whose webhook secret (Stripe) or Signature Key (Authorize.net) signs the events. The signature ' +
    'is checked over the raw body, which is therefore taken as sent (application/json, at most ' +
    String(WEBHOOK_MAX_BODY_BYTES / 1024) +
    ' KiB). 200 once accepted, including an event received before (`duplicate`, nothing happens ' +
    'again) and one Arbor does not act on (`ignored`); 401 for a missing or wrong signature, or when ' +
    'the account has no webhook secret; 400 for a malformed event; 404 for an unknown account, one of ' +
    'another processor, or Elavon (Converge sends no webhooks: Arbor reconciles it by querying ' +
    'Converge). A refund made in the processor dashboard on a payment made in Arbor is recorded on ' +
    'its invoice; a payment Arbor had not heard back about is settled.',
  tags: ['Webhooks'],
  access: 'public',
  params: z.object({ processor: WebhookProcessorSlug, processorAccountId: Id }),
  body: ProcessorWebhookEvent,
  responses: { 200: WebhookReceipt },
  problems: ['unauthenticated'],
});

export const WEBHOOKS_ROUTES = [ReceiveProcessorWebhookRoute] as const;
