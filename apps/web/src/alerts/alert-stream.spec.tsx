import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import {
  ListMyAlertsRoute,
  StreamMyAlertsRoute,
  type AccessTokenClaims,
  type AlertView,
} from '@arbor/contracts';
import { RequireSession } from '../auth/RequireSession';
import { page } from '../clients/fixtures.test-support';
import { SessionStore } from '../session/session-store';
import { accessTokenFor, fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { AlertsList } from './AlertsList';
import { followAlertStream } from './alert-stream';

const SESSION_ID = '01937a1e-0000-7000-8000-0000000000c1';
const CLIENT = { role: 'client', roles: ['client'], sid: SESSION_ID } satisfies Partial<AccessTokenClaims>;
const ALERT: AlertView = {
  id: '01937a1e-0000-7000-8000-0000000000a1',
  kind: 'invoice.sent',
  title: 'New invoice from Riverside Counselling',
  body: 'A new invoice from Riverside Counselling is waiting for you.',
  link: '/portal/invoices',
  createdAt: '2026-11-30T16:00:00.000Z',
  readAt: null,
};

/** Each connection to the stream, held open until the test writes to it or closes it. */
interface Connection {
  readonly authorization: string;
  write(text: string): void;
  close(): void;
}

/** The gateway: JSON routes from `fakeGateway`, and the alert stream, one controllable body per connection. */
function gatewayWithStream(handlers: Parameters<typeof fakeGateway>[0]) {
  const json = fakeGateway(handlers);
  const connections: Connection[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://arbor.test');
    if (url.pathname !== StreamMyAlertsRoute.path) return json.fetch(input, init);
    const headers = init.headers as Record<string, string>;
    expect(headers['accept']).toBe('text/event-stream');
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    connections.push({
      authorization: headers['authorization'] ?? '',
      write: (text) => controller.enqueue(new TextEncoder().encode(text)),
      close: () => controller.close(),
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  });
  return { connections };
}

/** The portal as the app routes it: behind RequireSession, which sends a signed-out person to sign in. */
function Portal() {
  return (
    <>
      <RequireSession />
      <AlertsList />
    </>
  );
}

describe('the alert stream in the web app', () => {
  it('shows each pushed alert, reconnects a dropped stream, and on session-ended signs out and goes to sign in', async () => {
    const alerts: AlertView[] = [];
    const { connections } = gatewayWithStream([{ route: ListMyAlertsRoute, reply: () => page([...alerts]) }]);
    const { store, router } = renderScreen(<Portal />, {
      path: '/portal',
      claims: CLIENT,
      routes: [{ path: '/sign-in', element: <p>sign-in page</p> }],
    });
    expect(await screen.findByText('No alerts')).toBeInTheDocument();
    await waitFor(() => expect(connections).toHaveLength(1));
    expect(connections[0]!.authorization).toMatch(/^Bearer /);

    alerts.push(ALERT);
    connections[0]!.write(': heartbeat\n\n');
    connections[0]!.write(`event: alert\nid: ${ALERT.id}\ndata: ${JSON.stringify(ALERT)}\n\n`);
    expect(await screen.findByRole('article', { name: ALERT.title })).toBeInTheDocument();

    // A drop (network, a gateway restarting) is not the end: the app comes back on its own.
    connections[0]!.close();
    await waitFor(() => expect(connections).toHaveLength(2), { timeout: 3000 });

    connections[1]!.write('event: session-ended\ndata: {}\n\n');
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('expired')).toBe('1');
    expect(store.snapshot().status).toBe('signed-out');
    // And it does not come back: longer than a reconnect would wait, and no new connection.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(connections).toHaveLength(2);
  });

  it('asks for a fresh token when the stream refuses the one it had', async () => {
    const tokens = ['token-one', 'token-two'];
    const asked: Array<string | undefined> = [];
    const session = {
      streamToken: (refused?: string) => {
        asked.push(refused);
        return Promise.resolve(tokens[asked.length - 1]);
      },
      sessionEnded: vi.fn(),
    };
    let calls = 0;
    vi.stubGlobal('fetch', () => {
      calls += 1;
      // Refused, then signed out (no token): the follower stops by itself.
      return Promise.resolve(new Response(null, { status: 401 }));
    });
    const abort = new AbortController();
    await followAlertStream(session, { onAlert: () => undefined, signal: abort.signal, reconnectMs: 5 });
    expect(asked).toEqual([undefined, 'token-one', 'token-two']);
    expect(calls).toBe(2);
    expect(session.sessionEnded).not.toHaveBeenCalled();
  });

  it('leaves the tab signed in when the session that ended is no longer its own', () => {
    const store = new SessionStore();
    try {
      store.adopt(accessTokenFor({ sid: SESSION_ID }), { broadcast: false });
      store.sessionEnded('01937a1e-0000-7000-8000-0000000000c2');
      expect(store.snapshot().status).toBe('signed-in');
      store.sessionEnded(SESSION_ID);
      expect(store.snapshot()).toEqual({ status: 'signed-out', reason: 'expired' });
    } finally {
      store.close();
    }
  });
});
