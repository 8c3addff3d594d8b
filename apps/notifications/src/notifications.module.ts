import { Module, type DynamicModule } from '@nestjs/common';
import { ClockModule, type Clock } from '@arbor/clock';
import { AlertsModule } from './alerts/alerts.module';
import { EmailModule } from './email/email.module';
import { InvoiceAlertsModule } from './invoice-alerts/invoice-alerts.module';
import { PeopleModule } from './people/people.module';
import type { EmailConfig } from './notifications.config';

export interface NotificationsModuleOptions {
  /** Tests move time with their own; the system clock otherwise. */
  readonly clock?: Clock;
  /** The mail server, the sender, the web origin of links, the retries. */
  readonly email: EmailConfig;
}

/**
 * notifications owns in-app alerts and their email deliveries. It answers: list my alerts, mark
 * one read, and (Admins) the practice's undelivered email. It emits: alert.created (the gateway
 * pushes it over SSE). It keeps, from identity's events, each practice's name, which portal
 * accounts belong to which client, and each person's email address (user.email-set), and makes
 * alerts from invoicing's invoice.sent and invoice.paid. An invoice.sent alert is emailed too, by
 * a job with retries, to the person's address if known (in-app only otherwise). Staff and client
 * portal invitations (identity's user.invited.v2) are emailed to the invitee by the same job.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ClockModule.forRoot(options.clock),
        EmailModule.register(options.email),
        AlertsModule,
        PeopleModule,
        InvoiceAlertsModule,
      ],
    };
  }
}
