import { Module, type DynamicModule } from '@nestjs/common';
import type { KeyRing } from '@arbor/crypto';
import { ProcessorAccountsModule } from './processor-accounts/processor-accounts.module';
import { SalesTaxModule } from './sales-tax/sales-tax.module';

/**
 * Processor accounts and their credentials (encrypted), sales-tax settings and calculation; later
 * payment attempts, refunds and processor webhooks. The only service that sees processor credentials.
 */
@Module({})
export class PaymentsModule {
  static register(deps: { keys: KeyRing; processorSandboxUrl: string | undefined }): DynamicModule {
    return { module: PaymentsModule, imports: [SalesTaxModule, ProcessorAccountsModule.register(deps)] };
  }
}
