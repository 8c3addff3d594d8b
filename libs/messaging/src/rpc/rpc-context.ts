import type { RmqContext } from '@nestjs/microservices';
import { isTraceparent, type Logger, type TraceContext } from '@arbor/observability';
import pino from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';
export const TRACEPARENT_HEADER = 'traceparent';

let logger: Logger = pino({ level: 'info' });

/** The messaging library logs through the app's logger once the app has one. */
export function setMessagingLogger(appLogger: Logger): void {
  logger = appLogger;
}

export function rpcLogger(): Logger {
  return logger;
}

export function traceContextOf(context: RmqContext | undefined): TraceContext {
  const headers = (
    context?.getMessage() as { properties?: { headers?: Record<string, unknown> } } | undefined
  )?.properties?.headers;
  if (!headers) return {};
  const requestId = headers[REQUEST_ID_HEADER];
  const traceparent = headers[TRACEPARENT_HEADER];
  return {
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(isTraceparent(traceparent) ? { traceparent } : {}),
  };
}
