import { Controller } from '@nestjs/common';
import { GetInvoicePaymentConfig, type PayloadOf } from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { InvoicePaymentConfigService } from './invoice-payment-config.service';

@Controller()
export class InvoicePaymentConfigHandlers {
  constructor(private readonly configs: InvoicePaymentConfigService) {}

  @Handles(GetInvoicePaymentConfig)
  get({ actor, invoiceId }: PayloadOf<typeof GetInvoicePaymentConfig>) {
    return this.configs.forClient(actor, invoiceId);
  }
}
