import { createTransport, type Transporter } from 'nodemailer';
import type { EmailConfig } from '../notifications.config';

export const MAIL_TRANSPORT = Symbol.for('arbor.notifications.mail-transport');

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Stable across retries of one delivery, so a receiving server can spot a repeat. */
  readonly messageId: string;
}

/** Hands an email to the mail server; rejects with the server's answer when it is refused. */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, one connection per email. The timeouts are short: a mail server that
 * hangs fails the try, and the job's backoff decides when to try again, instead of one job
 * holding a worker slot for nodemailer's default minutes.
 */
export function smtpTransport(config: Pick<EmailConfig, 'smtpUrl' | 'from'>): MailTransport {
  const transporter: Transporter = createTransport({
    url: config.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(email) {
      await transporter.sendMail({ from: config.from, ...email });
    },
    close() {
      transporter.close();
    },
  };
}
