import { z } from 'zod';
import {
  parseConfig,
  readJobsConfig,
  readServiceHostConfig,
  settingReader,
  type Environment,
  type ServiceHostConfig,
} from '@arbor/messaging';

export const SERVICE_NAME = 'notifications';

/** How email leaves Arbor, and what its links point at. */
export interface EmailConfig {
  /** `smtp://` or `smtps://`, credentials in the URL if the server wants them. */
  readonly smtpUrl: string;
  /** The sender every email carries (`Arbor <no-reply@example.org>`). */
  readonly from: string;
  /** Where the web app lives: the sign-in links of emails point there. */
  readonly webOrigin: string;
  /** Tries in all for one email (the first included), and the wait before the first retry (doubling). */
  readonly attempts: number;
  readonly backoffMs: number;
}

export interface NotificationsConfig extends ServiceHostConfig {
  /** Where its background jobs live (`ARBOR_NOTIFICATIONS_REDIS_URL`, else `ARBOR_REDIS_URL`). */
  readonly jobs: { readonly redisUrl: string };
  readonly email: EmailConfig;
}

const Url = (protocols: readonly string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')}// URL`,
  );

const EmailSettings = z.object({
  smtpUrl: Url(['smtp:', 'smtps:']),
  from: z.string().min(3, 'must be a sender such as "Arbor <no-reply@example.org>"'),
  webOrigin: Url(['http:', 'https:']).transform((value) => new URL(value).origin),
  attempts: z.coerce.number().int().min(1).max(20),
  backoffMs: z.coerce.number().int().min(0).max(3_600_000),
});

/** What the migrate step needs: the database, not the mail server. */
export function loadNotificationsHostConfig(env: Environment = process.env): ServiceHostConfig {
  return readServiceHostConfig(env, SERVICE_NAME, { opsPort: 9407 });
}

/** The only reader of the environment in this app; see docs/runtime-names.md for every variable. */
export function loadNotificationsConfig(env: Environment = process.env): NotificationsConfig {
  const read = settingReader(env, SERVICE_NAME);
  const email = parseConfig(
    EmailSettings,
    {
      // Service-specific on purpose: only notifications sends email.
      smtpUrl: env['ARBOR_NOTIFICATIONS_SMTP_URL'] || 'smtp://127.0.0.1:1025',
      from: env['ARBOR_NOTIFICATIONS_EMAIL_FROM'] || 'Arbor <no-reply@arbor.localhost>',
      // ARBOR_NOTIFICATIONS_WEB_ORIGIN, else the shared ARBOR_WEB_ORIGIN.
      webOrigin: read('WEB_ORIGIN') ?? 'http://localhost:3000',
      attempts: env['ARBOR_NOTIFICATIONS_EMAIL_ATTEMPTS'] || 6,
      backoffMs: env['ARBOR_NOTIFICATIONS_EMAIL_BACKOFF_MS'] || 5000,
    },
    SERVICE_NAME,
  );
  return {
    ...loadNotificationsHostConfig(env),
    jobs: readJobsConfig(env, SERVICE_NAME),
    email,
  };
}
