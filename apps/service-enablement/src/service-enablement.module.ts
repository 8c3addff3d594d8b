import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import { PracticeServicesModule } from './practice-services/practice-services.module';

export interface ServiceEnablementModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * Per-practice services (Client Billing, Telehealth Video, …), who may use them, and the
 * `service.changed` events other services keep their local answers from.
 */
@Module({})
export class ServiceEnablementModule {
  static forRoot(options: ServiceEnablementModuleOptions = {}): DynamicModule {
    return {
      module: ServiceEnablementModule,
      imports: [ClockModule.forRoot(options.clock), PracticeServicesModule],
    };
  }
}
