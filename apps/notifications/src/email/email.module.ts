import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { EmailConfig } from '../notifications.config';
import { EmailHandlers } from './email.handlers';
import { EmailRepository } from './email.repository';
import { EMAIL_CONFIG, EmailService } from './email.service';
import { MAIL_TRANSPORT, smtpTransport, type MailTransport } from './mail-transport';

/** Email: global, so that whatever makes an alert can prepare its email in the same transaction. */
@Module({})
export class EmailModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  static register(config: EmailConfig): DynamicModule {
    return {
      module: EmailModule,
      global: true,
      controllers: [EmailHandlers],
      providers: [
        EmailService,
        EmailRepository,
        { provide: EMAIL_CONFIG, useValue: config },
        { provide: MAIL_TRANSPORT, useFactory: () => smtpTransport(config) },
      ],
      exports: [EmailService],
    };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
