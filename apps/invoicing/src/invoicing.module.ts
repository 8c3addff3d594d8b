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
 * invoicing owns invoices, their numbers, status history, applied payments/refunds. It answers:
 * create+send, get, list (practice / client / the portal's own), forgive, void, record payment,
 * pay (payments charges), refund (payments refunds). It emits: invoice.sent, invoice.paid,
 * invoice.refunded, invoice.forgiven, invoice.voided. It keeps, from events, who may bill
 * (service-enablement), each client's status, tax state and providers (client-records), which
 * client each portal account is (identity), and what payments took and gave back (payments).
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
