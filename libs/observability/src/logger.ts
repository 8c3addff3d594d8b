import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTraceContext, traceIdOf } from './trace-context';

export type { Logger } from 'pino';

/**
 * Paths that must never reach a log line, whatever object is logged: secrets, tokens, card data
 * and clinical text. Logging them by mistake prints "[redacted]".
 */
const REDACT = [
  'password',
  '*.password',
  'secretKey',
  '*.secretKey',
  'transactionKey',
  '*.transactionKey',
  'pin',
  '*.pin',
  'credentials',
  '*.credentials',
  'paymentToken',
  '*.paymentToken',
  'body',
  '*.body',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
];

/** JSON logs, one line each, with the request id, trace id and practice id of the work in hand. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const { requestId, traceparent, practiceId } = currentTraceContext();
        const fields: Record<string, string> = {};
        if (requestId) fields['requestId'] = requestId;
        const traceId = traceIdOf(traceparent);
        if (traceId) fields['traceId'] = traceId;
        if (practiceId) fields['practiceId'] = practiceId;
        return fields;
      },
    },
    destination,
  );
}

/** Lets NestJS's own messages go through the same pino logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    this.write('error', message, context ?? traceOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    context?: string,
  ) {
    if (message instanceof Error) this.logger[level]({ err: message, context }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...message, context });
    else this.logger[level]({ context }, String(message));
  }
}
