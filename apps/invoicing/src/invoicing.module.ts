import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';
import { InvoicesModule } from './invoices/invoices.module';
import { DEFAULT_CHARGE_CLAIM_STALE_MS } from './invoicing.config';
import { ReadModelsModule } from './read-models/read-models.module';

export interface InvoicingModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
  /** `ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS` (invoicing.config.ts); tests move their clock past the default. */
  readonly chargeClaimStaleMs?: number;
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
      imports: [
        ClockModule.forRoot(options.clock),
        ReadModelsModule,
        InvoicesModule.register({
          staleAfterMs: options.chargeClaimStaleMs ?? DEFAULT_CHARGE_CLAIM_STALE_MS,
        }),
      ],
      // The append-only audit_log (libs/audit): inject it as AuditRepository<YourActions>.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
