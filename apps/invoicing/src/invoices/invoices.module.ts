import { Module, type DynamicModule } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CardPaymentsService } from './card-payments.service';
import { CardRefundsService } from './card-refunds.service';
import { CHARGE_CLAIM_SETTINGS, type ChargeClaimSettings } from './charge-claims';
import { InvoiceIssuingService } from './invoice-issuing.service';
import { InvoicePaymentConfigHandlers } from './invoice-payment-config.handlers';
import { InvoicePaymentConfigService } from './invoice-payment-config.service';
import { InvoiceQueriesService } from './invoice-queries.service';
import { InvoicesHandlers } from './invoices.handlers';
import { InvoicesRepository } from './invoices.repository';
import { InvoicesService } from './invoices.service';

@Module({
  imports: [ReadModelsModule],
  controllers: [InvoicesHandlers, InvoicePaymentConfigHandlers],
  providers: [
    InvoicesService,
    InvoiceIssuingService,
    InvoiceQueriesService,
    CardPaymentsService,
    CardRefundsService,
    InvoicePaymentConfigService,
    InvoicesRepository,
  ],
})
export class InvoicesModule {
  static register(claims: ChargeClaimSettings): DynamicModule {
    return { module: InvoicesModule, providers: [{ provide: CHARGE_CLAIM_SETTINGS, useValue: claims }] };
  }
}
