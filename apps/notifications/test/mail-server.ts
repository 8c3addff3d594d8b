import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message a test mail server accepted, parsed, with who it was addressed to on the envelope. */
export interface ReceivedMail {
  readonly recipients: string[];
  readonly mail: ParsedMail;
}

export interface TestMailServer {
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Every RCPT TO the server was given, accepted or refused: one per try. */
  readonly recipientsTried: string[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free local port, plain text and no login, as a mail
 * catcher would be. It refuses, with a 550, any recipient for which `refuses` says so, and takes
 * `slowMs` to accept a message to a recipient for which `slow` says so.
 */
export async function startMailServer(
  refuses: (address: string) => boolean,
  { slow = () => false, slowMs = 0 }: { slow?: (address: string) => boolean; slowMs?: number } = {},
): Promise<TestMailServer> {
  const received: ReceivedMail[] = [];
  const recipientsTried: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      recipientsTried.push(address.address);
      if (!refuses(address.address)) return callback();
      callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((to) => to.address);
      const wait = recipients.some(slow) ? slowMs : 0;
      simpleParser(stream)
        .then(async (mail) => {
          await new Promise((resolve) => setTimeout(resolve, wait));
          received.push({ recipients, mail });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    recipientsTried,
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}
