import { Inject, Injectable } from '@nestjs/common';
import { GetPaymentConfig, type Actor, type PaymentConfig } from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { BUS, DATABASE, type BusClient } from '@arbor/messaging';
import { refuseUnlessUnpaid } from './card-payments.service';
import { InvoiceQueriesService } from './invoice-queries.service';

/**
 * The portal's payment page: before the client types a card, invoicing checks the invoice is theirs
 * and still unpaid (as paying will), then asks payments what the practice's processor needs in the
 * browser. Nothing is claimed or kept: the answer holds public values only.
 */
@Injectable()
export class InvoicePaymentConfigService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BUS) private readonly bus: BusClient,
    private readonly queries: InvoiceQueriesService,
  ) {}

  async forClient(actor: Actor, invoiceId: string): Promise<PaymentConfig> {
    const invoice = await this.queries.portalInvoice(this.db, actor, invoiceId);
    refuseUnlessUnpaid(invoice);
    return this.bus.send(GetPaymentConfig, { practiceId: invoice.practiceId });
  }
}
