import { Module, type DynamicModule } from '@nestjs/common';
import { CLOCK, type Clock } from '@arbor/clock';
import type { KeyRing } from '@arbor/crypto';
import { LOGGER } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import { adapterConnections } from './adapter-connections';
import { ProcessorAccountsHandlers } from './processor-accounts.handlers';
import { ProcessorAccountsRepository } from './processor-accounts.repository';
import { ProcessorAccountsService } from './processor-accounts.service';
import { KEY_RING, PROCESSOR_CONNECTIONS } from './processor-connections';

@Module({})
export class ProcessorAccountsModule {
  static register(deps: { keys: KeyRing; processorSandboxUrl: string | undefined }): DynamicModule {
    return {
      module: ProcessorAccountsModule,
      controllers: [ProcessorAccountsHandlers],
      providers: [
        ProcessorAccountsService,
        ProcessorAccountsRepository,
        { provide: KEY_RING, useValue: deps.keys },
        {
          provide: PROCESSOR_CONNECTIONS,
          inject: [LOGGER, CLOCK],
          useFactory: (logger: Logger, clock: Clock) =>
            adapterConnections(deps.processorSandboxUrl, logger.child({ component: 'processors' }), clock),
        },
      ],
      exports: [ProcessorAccountsService],
    };
  }
}
