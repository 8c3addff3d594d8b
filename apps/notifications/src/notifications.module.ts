import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import { AlertsModule } from './alerts/alerts.module';

export interface NotificationsModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * notifications owns in-app alerts, email deliveries, preferences. It answers: list my alerts, mark
 * read.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [ClockModule.forRoot(options.clock), AlertsModule],
    };
  }
}
