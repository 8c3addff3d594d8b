import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';

export interface ClientRecordsModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * client-records owns clients (Info section), client ↔ provider assignments, client portal link. It
 * answers: create/list/get/update client, assign providers. It emits: client.created,
 * client.updated, client.providers-assigned. Its tables, contracts and handlers arrive with their
 * issues; the service already runs on the bus, answers readiness and relays its outbox.
 */
@Module({})
export class ClientRecordsModule {
  static forRoot(options: ClientRecordsModuleOptions = {}): DynamicModule {
    return {
      module: ClientRecordsModule,
      imports: [ClockModule.forRoot(options.clock)],
      // The append-only audit_log (libs/audit): inject it as AuditRepository<YourActions>.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
