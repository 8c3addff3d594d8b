import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';

export interface DirectoryModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * TODO: what directory owns (its tables), the commands and queries it answers and the events it
 * emits; add the same row to docs/architecture.md. The service already runs on the bus, answers
 * readiness and relays its outbox.
 */
@Module({})
export class DirectoryModule {
  static forRoot(options: DirectoryModuleOptions = {}): DynamicModule {
    return {
      module: DirectoryModule,
      imports: [ClockModule.forRoot(options.clock)],
    };
  }
}
