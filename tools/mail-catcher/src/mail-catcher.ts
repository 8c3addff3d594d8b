import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { mailPage, type CaughtMail } from './page';

export interface MailCatcherOptions {
  readonly smtpPort: number;
  readonly httpPort: number;
  readonly host: '127.0.0.1';
  /** The most messages kept; the oldest go first (memory stays bounded over a long run). */
  readonly keep?: number;
}

export interface MailCatcher {
  readonly smtpUrl: string;
  readonly pageUrl: string;
  /** Newest first. */
  readonly messages: () => readonly CaughtMail[];
  close(): Promise<void>;
}

const DEFAULT_KEEP = 500;
/** Bigger than any email Arbor sends; a runaway sender is refused, not buffered. */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

function listen(
  server: { listen(port: number, host: string, done: () => void): unknown },
  port: number,
  host: string,
) {
  return new Promise<void>((resolve) => {
    server.listen(port, host, resolve);
  });
}

/**
 * An SMTP server that accepts every message (no TLS, no login: local only) and an HTTP page
 * listing what it received. Both listen on 127.0.0.1 alone: the page shows invitation links.
 */
export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const keep = options.keep ?? DEFAULT_KEEP;
  const caught: CaughtMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((recipient) => recipient.address);
      simpleParser(stream)
        .then((mail) => {
          caught.unshift({
            id: nextId++,
            receivedAt: new Date(),
            from: mail.from?.text ?? '',
            to,
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            hasHtml: typeof mail.html === 'string',
          });
          caught.splice(keep);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  smtp.on('error', (error) => process.stderr.write(`mail catcher: smtp: ${error.message}\n`));
  await listen(smtp, options.smtpPort, options.host);
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const smtpUrl = `smtp://${options.host}:${smtpPort}`;

  const http: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://catcher').pathname;
    if (request.method !== 'GET' || (path !== '/' && path !== '/messages.json')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (path === '/messages.json') {
      response
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify(caught));
      return;
    }
    response
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The page shows what strangers may have written: no script of any kind runs on it.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'x-content-type-options': 'nosniff',
      })
      .end(mailPage(caught, smtpUrl));
  });
  await listen(http, options.httpPort, options.host);
  const httpPort = (http.address() as AddressInfo).port;

  return {
    smtpUrl,
    pageUrl: `http://${options.host}:${httpPort}/`,
    messages: () => [...caught],
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(resolve)),
        new Promise<void>((resolve, reject) => {
          http.closeAllConnections();
          http.close((error) => (error ? reject(error) : resolve()));
        }),
      ]);
    },
  };
}
