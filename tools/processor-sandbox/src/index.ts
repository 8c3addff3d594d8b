export {
  startProcessorSandbox,
  type AuthorizeNetWebhookEndpoint,
  type ProcessorSandbox,
  type ProcessorSandboxOptions,
  type SettleResult,
  type StripeWebhookEndpoint,
} from './sandbox';
export {
  loadSandboxConfig,
  DEFAULT_SANDBOX_PORT,
  type ProcessorSandboxConfig,
} from './processor-sandbox.config';
export { stripeSignatureHeader } from './stripe/stripe-signature';
export { anetSignatureHeader } from './authorize-net/anet-signature';
export type { StripeEventType } from './stripe/stripe.service';
export type { AnetWebhookEventType, AnetWebhookNotification } from './authorize-net/anet-types';
export type { WebhookDelivery } from './webhooks';
export type { HostedSession } from './converge/converge.service';
