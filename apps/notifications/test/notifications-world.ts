import path from 'node:path';
import { createServiceWorld, type ServiceWorldOptions, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME, type EmailConfig, type NotificationsConfig } from '../src/notifications.config';
import { NotificationsModule } from '../src/notifications.module';

/** No mail server listens here: a world that sends no email needs none. */
const NO_MAIL_SERVER = 'smtp://127.0.0.1:9';

/**
 * The notifications service started as main.ts starts it (createServiceWorld: its own database,
 * bus namespace and jobs on Redis), with the email settings a test gives.
 */
export function notificationsWorld(
  label: string,
  options: { email?: Partial<EmailConfig>; tap?: ServiceWorldOptions<NotificationsConfig>['tap'] } = {},
): Promise<ServiceWorld<NotificationsConfig>> {
  const email: EmailConfig = {
    smtpUrl: NO_MAIL_SERVER,
    from: 'Arbor <no-reply@arbor.test>',
    webOrigin: 'https://app.arbor.test',
    attempts: 3,
    backoffMs: 50,
    ...options.email,
  };
  return createServiceWorld<NotificationsConfig>({
    service: SERVICE_NAME,
    label,
    migrations: path.join(__dirname, '..', 'migrations'),
    jobs: true,
    // The world runs the jobs on its own Redis, whatever the config says.
    config: (host) => ({ ...host, jobs: { redisUrl: 'redis://unused.invalid' }, email }),
    module: ({ config, clock }) => NotificationsModule.forRoot({ clock, email: config.email }),
    ...(options.tap ? { tap: options.tap } : {}),
  });
}
