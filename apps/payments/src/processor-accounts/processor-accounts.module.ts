import { Module, type DynamicModule } from '@nestjs/common';
import type { KeyRing } from '@arbor/crypto';
import { ProcessorAccountsHandlers } from './processor-accounts.handlers';
import { ProcessorAccountsRepository } from './processor-accounts.repository';
import { ProcessorAccountsService } from './processor-accounts.service';
import { KEY_RING, PROCESSOR_CONNECTIONS, type ProcessorConnections } from './processor-connections';

@Module({})
export class ProcessorAccountsModule {
  static register(deps: { keys: KeyRing; connections: ProcessorConnections }): DynamicModule {
    return {
      module: ProcessorAccountsModule,
      controllers: [ProcessorAccountsHandlers],
      providers: [
        ProcessorAccountsService,
        ProcessorAccountsRepository,
        { provide: KEY_RING, useValue: deps.keys },
        { provide: PROCESSOR_CONNECTIONS, useValue: deps.connections },
      ],
      exports: [ProcessorAccountsService],
    };
  }
}
