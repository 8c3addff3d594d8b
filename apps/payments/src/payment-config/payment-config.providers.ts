import type { Provider } from '@nestjs/common';
import { sandboxScriptUrls } from './payment-config';
import { PaymentConfigHandlers } from './payment-config.handlers';
import { PaymentConfigService, SANDBOX_SCRIPT_URLS } from './payment-config.service';

/**
 * The client payment page's configuration. Part of the root module, beside the processor accounts
 * whose credentials it reads.
 */
export const paymentConfigControllers = [PaymentConfigHandlers];
export function paymentConfigProviders(processorSandboxUrl: string | undefined): Provider[] {
  return [
    PaymentConfigService,
    {
      provide: SANDBOX_SCRIPT_URLS,
      useValue: processorSandboxUrl === undefined ? null : sandboxScriptUrls(processorSandboxUrl),
    },
  ];
}
