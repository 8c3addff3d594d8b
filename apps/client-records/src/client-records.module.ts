import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import { ClockModule, type Clock } from '@arbor/clock';
import type { KeyRing } from '@arbor/crypto';
import { ClientsModule } from './clients/clients.module';

export interface ClientRecordsModuleOptions {
  /** Key-encryption keys for clients' Info at rest. */
  readonly keys: KeyRing;
  /** The HMAC key of the search hashes. */
  readonly searchKey: Buffer;
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * client-records owns clients (the Info section, encrypted at rest), client ↔ provider
 * assignments and the client-portal invitation (asked of identity). It emits client.created,
 * client.updated, client.providers-assigned, client.archived and client.restored, with ids and
 * state but no contact details; it keeps who is a provider of each practice from identity's
 * membership events.
 */
@Module({})
export class ClientRecordsModule {
  static forRoot(options: ClientRecordsModuleOptions): DynamicModule {
    return {
      module: ClientRecordsModule,
      imports: [
        ClockModule.forRoot(options.clock),
        ClientsModule.register({ keys: options.keys, searchKey: options.searchKey }),
      ],
      // The append-only audit_log (libs/audit), also injected by the clients feature.
      providers: [AuditRepository],
      exports: [AuditRepository],
    };
  }
}
