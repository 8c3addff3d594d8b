import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** What the refusing mail server answers every recipient, after its `550`. */
export const MAIL_REFUSAL = '5.1.1 Mailbox unavailable';

/**
 * A real SMTP server (smtp-server) on a free local port that refuses every RCPT TO with a
 * permanent `550`: notifications' emails fail on their first try, with a mail server's answer.
 * Pass its `url` as `ARBOR_NOTIFICATIONS_SMTP_URL`.
 */
export async function startRefusingMailServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(MAIL_REFUSAL), { responseCode: 550 }));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
