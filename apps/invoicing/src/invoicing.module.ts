import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';

export interface InvoicingModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * invoicing owns invoices, their numbers, status history, applied payments/refunds. It answers:
 * create+send, list (practice / client / my own as client), get, forgive, void, record payment,
 * refund, pay. It emits: invoice.sent, invoice.paid, invoice.refunded, invoice.forgiven,
 * invoice.voided. Its tables, contracts and handlers arrive with their issues; the service already
 * runs on the bus, answers readiness and relays its outbox.
 */
@Module({})
export class InvoicingModule {
  static forRoot(options: InvoicingModuleOptions = {}): DynamicModule {
    return {
      module: InvoicingModule,
      imports: [ClockModule.forRoot(options.clock)],
      // The append-only audit_log (libs/audit): inject it as AuditRepository<YourActions>.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
