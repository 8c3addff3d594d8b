import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';
import { InvoicesModule } from './invoices/invoices.module';
import { ReadModelsModule } from './read-models/read-models.module';

export interface InvoicingModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * invoicing owns invoices, their numbers, status history, applied payments/refunds. It answers
 * today: create+send, forgive, void, record payment. To come: list (practice / client / my own as
 * client), get, refund, pay. It emits: invoice.sent, invoice.paid, invoice.forgiven,
 * invoice.voided (and, with what is to come, invoice.refunded). It keeps, from events, who may
 * bill (service-enablement), each client's status, tax state and providers (client-records), and
 * which client each portal account is (identity).
 */
@Module({})
export class InvoicingModule {
  static forRoot(options: InvoicingModuleOptions = {}): DynamicModule {
    return {
      module: InvoicingModule,
      imports: [ClockModule.forRoot(options.clock), ReadModelsModule, InvoicesModule],
      // The append-only audit_log (libs/audit): inject it as AuditRepository<YourActions>.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
