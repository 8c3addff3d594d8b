import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ALERT_STREAM_EVENT,
  EVENT_STREAM_MEDIA_TYPE,
  SESSION_ENDED_STREAM_EVENT,
  type AlertView,
} from '@arbor/contracts';
import type { AlertStreamHub, StreamOwner } from './alert-stream.hub';

/** Often enough that proxies and load balancers (commonly 30–60 s idle limits) keep it open. */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** `Accept` names `text/event-stream` (a bare `*\/*` is not asking for a stream). */
export function acceptsEventStream(accept: string | undefined): boolean {
  return (accept ?? '')
    .split(',')
    .some((range) => range.split(';')[0]!.trim().toLowerCase() === EVENT_STREAM_MEDIA_TYPE);
}

/** One SSE message: `data:` must not hold a newline, which JSON.stringify never writes. */
export function alertEvent(alert: AlertView): string {
  return `event: ${ALERT_STREAM_EVENT}\nid: ${alert.id}\ndata: ${JSON.stringify(alert)}\n\n`;
}

/** The stream's last words when its session ends: no id, so no `Last-Event-ID` points at it. */
export const SESSION_ENDED_EVENT = `event: ${SESSION_ENDED_STREAM_EVENT}\ndata: {}\n\n`;

/**
 * Takes the response over from Fastify and keeps it open: each new alert of the caller as an
 * event, a comment line as heartbeat, and the end when their access token expires or its session
 * ends (a stream must not outlive the credential that opened it), or when they hang up.
 */
export function openAlertStream(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    hub: Pick<AlertStreamHub, 'subscribe'>;
    owner: StreamOwner;
    expiresAt: number;
    heartbeatMs?: number;
  },
): void {
  const remaining = options.expiresAt - Date.now();
  reply.hijack();
  const raw = reply.raw;
  // The hooks' headers (helmet's, the request id) are on the reply, which hijacking bypasses.
  const hooked: OutgoingHttpHeaders = Object.fromEntries(
    Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined),
  );
  raw.writeHead(200, {
    ...hooked,
    'content-type': `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
    'cache-control': 'no-store',
    pragma: 'no-cache',
    connection: 'keep-alive',
    // nginx and similar proxies otherwise buffer the stream, delaying every alert.
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
  });
  // An opening comment sends the headers now, so `fetch` resolves as soon as the stream is live.
  raw.write(': connected\n\n');

  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(expiry);
    raw.end();
  };
  const unsubscribe = options.hub.subscribe(options.owner, {
    push: (alert) => {
      if (!ended) raw.write(alertEvent(alert));
    },
    sessionEnded: () => {
      if (!ended) raw.write(SESSION_ENDED_EVENT);
      end();
    },
    end,
  });
  const heartbeat = setInterval(
    () => raw.write(': heartbeat\n\n'),
    options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
  );
  const expiry = setTimeout(end, Math.max(0, remaining));
  raw.on('close', end);
}
