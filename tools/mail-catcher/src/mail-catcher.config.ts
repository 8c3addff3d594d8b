/**
 * The mail catcher's ports, read from the environment once at start (the only reader of
 * `process.env` in this tool). `ARBOR_MAIL_CATCHER_SMTP_PORT` defaults to 1025 (where
 * notifications sends when nothing else is set), `ARBOR_MAIL_CATCHER_HTTP_PORT` to 1080; `0`
 * picks a free port.
 */
export interface MailCatcherConfig {
  readonly smtpPort: number;
  readonly httpPort: number;
  readonly host: '127.0.0.1';
}

export const DEFAULT_SMTP_PORT = 1025;
export const DEFAULT_HTTP_PORT = 1080;

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

export function loadMailCatcherConfig(env: NodeJS.ProcessEnv = process.env): MailCatcherConfig {
  return {
    smtpPort: port(env, 'ARBOR_MAIL_CATCHER_SMTP_PORT', DEFAULT_SMTP_PORT),
    httpPort: port(env, 'ARBOR_MAIL_CATCHER_HTTP_PORT', DEFAULT_HTTP_PORT),
    host: '127.0.0.1',
  };
}
