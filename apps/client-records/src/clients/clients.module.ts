import { Module, type DynamicModule } from '@nestjs/common';
import { AuditRepository } from '@arbor/audit';
import type { KeyRing } from '@arbor/crypto';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { searchKey } from './client-search';
import { ClientsHandlers } from './clients.handlers';
import { ClientsRepository } from './clients.repository';
import { ClientsService, KEY_RING, SEARCH_KEY } from './clients.service';

@Module({})
export class ClientsModule {
  static register(deps: { keys: KeyRing; searchKey: Buffer }): DynamicModule {
    return {
      module: ClientsModule,
      controllers: [ClientsHandlers],
      providers: [
        ClientsService,
        ClientsRepository,
        PracticeProvidersRepository,
        AuditRepository,
        { provide: KEY_RING, useValue: deps.keys },
        { provide: SEARCH_KEY, useValue: searchKey(deps.searchKey) },
      ],
    };
  }
}
