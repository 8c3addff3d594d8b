import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import { AlertsModule } from './alerts/alerts.module';
import { InvoiceAlertsModule } from './invoice-alerts/invoice-alerts.module';
import { PeopleModule } from './people/people.module';

export interface NotificationsModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
}

/**
 * notifications owns in-app alerts (and, to come, email deliveries and preferences). It answers:
 * list my alerts, mark one read. It emits: alert.created (the gateway pushes it over SSE). It
 * keeps, from identity's events, each practice's name and which portal accounts belong to which
 * client, and makes alerts from invoicing's invoice.sent and invoice.paid.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions = {}): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [ClockModule.forRoot(options.clock), AlertsModule, PeopleModule, InvoiceAlertsModule],
    };
  }
}
