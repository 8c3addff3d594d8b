import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import type { KeyRing } from '@arbor/crypto';
import { paymentConfigControllers, paymentConfigProviders } from './payment-config/payment-config.providers';
import { paymentControllers, paymentProviders } from './payments/payments.providers';
import { ProcessorAccountsModule } from './processor-accounts/processor-accounts.module';
import { SalesTaxModule } from './sales-tax/sales-tax.module';
import { webhookControllers, webhookProviders } from './webhooks/webhooks.providers';

/**
 * Processor accounts and their credentials (encrypted), sales-tax settings and calculation,
 * payment attempts and refunds, and processor webhooks. The only service that sees processor
 * credentials. Its recovery job runs when the service runs jobs (main.ts always does).
 */
@Module({})
export class PaymentsModule {
  static register(deps: {
    keys: KeyRing;
    processorSandboxUrl: string | undefined;
    /** Tests move time with their own; the system clock otherwise. */
    clock?: Clock;
  }): DynamicModule {
    return {
      module: PaymentsModule,
      imports: [ClockModule.forRoot(deps.clock), SalesTaxModule, ProcessorAccountsModule.register(deps)],
      controllers: [...paymentControllers, ...paymentConfigControllers, ...webhookControllers],
      providers: [
        ...paymentProviders,
        ...paymentConfigProviders(deps.processorSandboxUrl),
        ...webhookProviders,
      ],
    };
  }
}
