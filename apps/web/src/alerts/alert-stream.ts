import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  ALERT_STREAM_EVENT,
  AlertStreamEvent,
  EVENT_STREAM_MEDIA_TYPE,
  ListMyAlertsRoute,
  SESSION_ENDED_STREAM_EVENT,
  StreamMyAlertsRoute,
  type AlertView,
} from '@arbor/contracts';
import { pathOf } from '../api/api-client';
import { useActorKey } from '../api/queries';
import { claimsOf } from '../session/access-token';
import { useSession, useSessionStore } from '../session/session-context';
import type { SessionStore } from '../session/session-store';

/** What the stream needs of the session (the SessionStore; a stand-in in tests). */
export type StreamSession = Pick<SessionStore, 'streamToken' | 'sessionEnded'>;

/** The first wait before reconnecting a dropped stream; it doubles up to the cap while it keeps failing. */
export const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/** How one connection ended: its session ended, the token was refused, or it dropped. */
type Outcome = 'session-ended' | 'refused' | 'dropped';

/**
 * Follows `GET /me/alerts/stream` until `signal` aborts: each alert to `onAlert`, and a dropped
 * stream (network, the access token's expiry, a gateway restarting) reconnected with a fresh
 * token. A `session-ended` event is the end: reconnecting would only be refused, so the session
 * is told, which signs the person out and sends them to sign in.
 */
export async function followAlertStream(
  session: StreamSession,
  options: { onAlert: (alert: AlertView) => void; signal: AbortSignal; reconnectMs?: number },
): Promise<void> {
  const first = options.reconnectMs ?? RECONNECT_FIRST_MS;
  let wait = first;
  let refused: string | undefined;
  while (!options.signal.aborted) {
    let token: string | undefined;
    let outcome: Outcome;
    let opened = false;
    try {
      token = await session.streamToken(refused);
      if (!token) return; // signed out: nothing to follow
      outcome = await readOnce(token, options, () => (opened = true));
    } catch {
      outcome = 'dropped';
    }
    if (options.signal.aborted) return;
    if (outcome === 'session-ended' && token) {
      const sessionId = claimsOf(token)?.sid;
      if (sessionId) session.sessionEnded(sessionId);
      return;
    }
    refused = outcome === 'refused' ? token : undefined;
    if (opened) wait = first;
    await pause(wait, options.signal);
    wait = Math.min(wait * 2, RECONNECT_MAX_MS);
  }
}

/** Keeps the signed-in person's alert list current while mounted, from the stream. */
export function useAlertStream(): void {
  const store = useSessionStore();
  const session = useSession();
  const queryClient = useQueryClient();
  const actor = useActorKey();
  const sessionId = session.status === 'signed-in' ? session.claims.sid : undefined;
  useEffect(() => {
    if (!sessionId) return;
    const abort = new AbortController();
    void followAlertStream(store, {
      signal: abort.signal,
      onAlert: () => void queryClient.invalidateQueries({ queryKey: [actor, ListMyAlertsRoute.operationId] }),
    });
    return () => abort.abort();
  }, [store, queryClient, actor, sessionId]);
}

async function readOnce(
  token: string,
  options: { onAlert: (alert: AlertView) => void; signal: AbortSignal },
  onOpen: () => void,
): Promise<Outcome> {
  const response = await fetch(pathOf(StreamMyAlertsRoute, undefined), {
    headers: { accept: EVENT_STREAM_MEDIA_TYPE, authorization: `Bearer ${token}` },
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (response.status === 401) return 'refused';
  if (!response.ok || !response.body) return 'dropped';
  onOpen();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'dropped';
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const { event, data } = fieldsOf(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event === SESSION_ENDED_STREAM_EVENT) {
        void reader.cancel();
        return 'session-ended';
      }
      if (event === ALERT_STREAM_EVENT && data !== undefined) {
        const alert = AlertStreamEvent.safeParse(parseJson(data));
        // One the app cannot read is skipped: the list, refetched on the next one, shows it.
        if (alert.success) options.onAlert(alert.data);
      }
    }
  }
}

/** An SSE block's event name (default `message`) and data; comment lines (heartbeats) are skipped. */
function fieldsOf(block: string): { event: string; data: string | undefined } {
  let event = 'message';
  let data: string | undefined;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data = data === undefined ? value : `${data}\n${value}`;
  }
  return { event, data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
