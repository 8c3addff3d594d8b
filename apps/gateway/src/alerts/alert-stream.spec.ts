import Fastify, { type FastifyInstance } from 'fastify';
import type { AlertView } from '@arbor/contracts';
import type { AlertListener, StreamOwner } from './alert-stream.hub';
import { acceptsEventStream, alertEvent, openAlertStream, SESSION_ENDED_EVENT } from './alert-stream';

const owner: StreamOwner = {
  practiceId: '0190a6a0-0000-7000-8000-000000000001',
  userId: '0190a6a0-0000-7000-8000-000000000002',
  sessionId: '0190a6a0-0000-7000-8000-000000000004',
};
const alert: AlertView = {
  id: '0190a6a0-0000-7000-8000-000000000003',
  kind: 'invoice.sent',
  title: 'New invoice',
  body: 'Maple Counselling sent you an invoice.\nSign in to see it.',
  link: '/portal/invoices',
  createdAt: '2026-12-01T12:00:00.000Z',
  readAt: null,
};

/** A hub that remembers who subscribed, and whether they stopped. */
function fakeHub() {
  const subscribed: Array<{ key: string; listener: AlertListener; stopped: boolean }> = [];
  return {
    subscribed,
    subscribe(whose: StreamOwner, listener: AlertListener) {
      const entry = {
        key: `${whose.practiceId}:${whose.userId}:${whose.sessionId}`,
        listener,
        stopped: false,
      };
      subscribed.push(entry);
      return () => {
        entry.stopped = true;
      };
    },
  };
}

async function serve(hub: ReturnType<typeof fakeHub>, expiresInMs: number): Promise<FastifyInstance> {
  const app = Fastify();
  app.get('/stream', (request, reply) => {
    openAlertStream(request, reply, { hub, owner, expiresAt: Date.now() + expiresInMs, heartbeatMs: 50 });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

async function readAll(response: Response): Promise<string> {
  return new Response(response.body).text();
}

const urlOf = (app: FastifyInstance) => {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${address.port}/stream`;
};

describe('the alert stream', () => {
  it('asks Accept to name text/event-stream, not just anything', () => {
    expect(acceptsEventStream('text/event-stream')).toBe(true);
    expect(acceptsEventStream('application/json, Text/Event-Stream;q=0.9')).toBe(true);
    expect(acceptsEventStream('*/*')).toBe(false);
    expect(acceptsEventStream(undefined)).toBe(false);
    expect(acceptsEventStream('text/event-streams')).toBe(false);
  });

  it('writes an alert as one event: its id, and its JSON on one data line', () => {
    const written = alertEvent(alert);
    expect(written.endsWith('\n\n')).toBe(true);
    const lines = written.trimEnd().split('\n');
    expect(lines).toEqual(['event: alert', `id: ${alert.id}`, `data: ${JSON.stringify(alert)}`]);
    expect(JSON.parse(lines[2]!.slice('data: '.length))).toEqual(alert);
  });

  it('pushes the subscriber’s alerts and heartbeats, and ends when the access token expires', async () => {
    const hub = fakeHub();
    const app = await serve(hub, 400);
    try {
      const started = Date.now();
      const response = await fetch(urlOf(app));
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(hub.subscribed.map((entry) => entry.key)).toEqual([
        `${owner.practiceId}:${owner.userId}:${owner.sessionId}`,
      ]);
      hub.subscribed[0]!.listener.push(alert);
      const text = await readAll(response);
      // Ended by the server at expiry, not by a timeout of the test.
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(text).toContain(alertEvent(alert));
      expect(text).toContain(': heartbeat\n\n');
      expect(text).not.toContain(SESSION_ENDED_EVENT);
      expect(hub.subscribed[0]!.stopped).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('ends at once when its session ends, with a last `session-ended` event after any alert', async () => {
    const hub = fakeHub();
    const app = await serve(hub, 60_000);
    try {
      const started = Date.now();
      const response = await fetch(urlOf(app));
      hub.subscribed[0]!.listener.push(alert);
      hub.subscribed[0]!.listener.sessionEnded();
      const text = await readAll(response);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(text.endsWith(`${alertEvent(alert)}${SESSION_ENDED_EVENT}`)).toBe(true);
      expect(SESSION_ENDED_EVENT.trimEnd().split('\n')).toEqual(['event: session-ended', 'data: {}']);
      expect(hub.subscribed[0]!.stopped).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('stops listening when the caller hangs up', async () => {
    const hub = fakeHub();
    const app = await serve(hub, 60_000);
    try {
      const abort = new AbortController();
      await fetch(urlOf(app), { signal: abort.signal });
      abort.abort();
      const deadline = Date.now() + 2000;
      while (!hub.subscribed[0]?.stopped && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(hub.subscribed[0]!.stopped).toBe(true);
    } finally {
      await app.close();
    }
  });
});
