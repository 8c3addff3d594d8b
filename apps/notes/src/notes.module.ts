import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';
import type { KeyRing } from '@arbor/crypto';
import { NotesFeatureModule } from './notes/notes.module';

export interface NotesModuleOptions {
  /** Key-encryption keys for note bodies at rest (ARBOR_NOTES_KEY_ENCRYPTION_KEYS). */
  readonly keys: KeyRing;
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * notes owns a client profile's permanent notes (append-only in the database, sealed at rest,
 * hash-chained per client), their addenda, and the record of every read. It answers: add note,
 * add addendum, list/get the notes a caller may read, the portal's shared notes, the access log.
 * It emits: note.added (ids and type only). It keeps, from events, each client's assigned
 * providers (client-records) and each person's roles and client record (identity).
 */
@Module({})
export class NotesModule {
  static forRoot(options: NotesModuleOptions): DynamicModule {
    return {
      module: NotesModule,
      imports: [ClockModule.forRoot(options.clock), NotesFeatureModule.register({ keys: options.keys })],
      // The append-only audit_log (libs/audit): the access records of note reads.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
