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

/**
 * Members of an error that repeat the values a failed statement was given: drizzle's `params`
 * (and the `params: …` it appends to its message), PostgreSQL's `detail` (`Key (email)=(x@y)`),
 * `where` (the PL/pgSQL context, with values), `hint` and `internalQuery`. A log line keeps the
 * SQLSTATE `code`, the statement text and the names of what failed (table, constraint, column).
 */
const VALUE_CARRYING = new Set(['params', 'parameters', 'detail', 'where', 'hint', 'internalQuery']);
const MAX_CAUSES = 5;

/** drizzle's `Failed query: <statement>\nparams: <values>`, without the values. */
function withoutParams(message: string): string {
  const at = message.indexOf('\nparams:');
  return at < 0 ? message : message.slice(0, at);
}

/**
 * Errors as log lines show them: type, message, stack, the error's own fields and its causes,
 * none of what {@link VALUE_CARRYING} names. Anything that is not an Error passes through.
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const message = withoutParams(error.message);
  const serialized: Record<string, unknown> = {
    type: error.constructor.name,
    message,
    stack: error.stack?.split(error.message).join(message),
  };
  for (const [key, value] of Object.entries(error)) {
    if (VALUE_CARRYING.has(key) || key === 'cause' || value === undefined) continue;
    serialized[key] = key === 'query' && typeof value === 'string' ? value : serializeError(value, depth + 1);
  }
  if (error.cause !== undefined) {
    serialized['cause'] = depth < MAX_CAUSES ? serializeError(error.cause, depth + 1) : '[more causes]';
  }
  return serialized;
}

/** JSON logs, one line each, with the request id, trace id and practice id of the work in hand. */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
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
