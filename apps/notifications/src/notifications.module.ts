import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';

export interface NotificationsModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * notifications owns in-app alerts, email deliveries, preferences. It answers: list my alerts, mark
 * read. It emits: alert.created (the gateway pushes it over SSE). Its tables, contracts and
 * handlers arrive with their issues; the service already runs on the bus, answers readiness and
 * relays its outbox.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [ClockModule.forRoot(options.clock)],
    };
  }
}
