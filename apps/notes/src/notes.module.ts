import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';

export interface NotesModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * notes owns profile notes (append-only), addenda, note access audit. It answers: add note, add
 * addendum, list/get visible notes. It emits: note.added. Its tables, contracts and handlers arrive
 * with their issues; the service already runs on the bus, answers readiness and relays its outbox.
 */
@Module({})
export class NotesModule {
  static forRoot(options: NotesModuleOptions = {}): DynamicModule {
    return {
      module: NotesModule,
      imports: [ClockModule.forRoot(options.clock)],
      // The append-only audit_log (libs/audit): inject it as AuditRepository<YourActions>.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
