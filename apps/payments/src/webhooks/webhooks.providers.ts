import { WebhooksHandlers } from './webhooks.handlers';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Processor webhooks. Part of the root module, as payments/ is: they record refunds and settle
 * attempts with the payments service's own code, and find adapters through the processor accounts.
 */
export const webhookControllers = [WebhooksHandlers];
export const webhookProviders = [WebhooksService, WebhooksRepository];
