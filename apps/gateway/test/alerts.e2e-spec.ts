import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ALERT_STREAM_EVENT,
  AlertPage,
  AlertStreamEvent,
  SESSION_ENDED_STREAM_EVENT,
  type AlertView,
} from '@arbor/contracts';
import { EventTap } from '@arbor/service-testing';
import {
  eventually,
  openEventStream,
  testServices,
  type EventStream,
  type StreamEvent,
} from '@arbor/testing';
import { createGatewayApp, type GatewayApp } from '../src/gateway.app';
import { createClient, portalSignIn } from './clients-helpers';
import { recordCheckedSuccess } from './contract-coverage';
import { inviteProvider, login, signUpAsAdmin } from './identity-helpers';
import { publishInvoiceSent } from './invoice-sent-helpers';
import { startPlatform, type Platform } from './platform';

const PASSWORD = 'correct horse battery staple';

/** An open `GET /me/alerts/stream`, read as a browser does: fetch with the bearer token. */
type OpenStream = EventStream;

function openStream(base: string, token: string): Promise<OpenStream> {
  return openEventStream(`${base}/api/v1/me/alerts/stream`, {
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '198.51.100.9' },
  });
}

/** The stream's next alert, checked against the contract's event schema (as the web app parses it). */
async function nextAlert(
  stream: OpenStream,
  after: number,
  timeoutMs = 3000,
): Promise<StreamEvent & { alert: AlertView }> {
  const found = await eventually(
    () => {
      const event = stream.events.find((candidate) => candidate.receivedAt >= after);
      if (!event) throw new Error(`no alert on the stream yet (comments: ${stream.comments.join(', ')})`);
      return event;
    },
    { timeoutMs, intervalMs: 5 },
  );
  expect(found.event).toBe(ALERT_STREAM_EVENT);
  const alert = AlertStreamEvent.strict().parse(JSON.parse(found.data));
  expect(found.id).toBe(alert.id);
  // The contract check of the API client reads JSON answers; this stream is checked here instead.
  recordCheckedSuccess('streamMyAlerts', path.basename(__filename));
  return { ...found, alert };
}

describe('alerts: listed, marked read and streamed from every gateway replica', () => {
  let platform: Platform;
  let tap: EventTap;
  const maple = { id: '', adminToken: '' };
  const provider = { userId: '', accessToken: '' };
  const client = { id: '', userId: '', accessToken: '' };

  /** Stands in for invoicing: the invoice is sent to the client; answers when it was published. */
  async function invoiceSent(): Promise<number> {
    await publishInvoiceSent(tap, { practiceId: maple.id, clientId: client.id, providerId: provider.userId });
    return Date.now();
  }

  beforeAll(async () => {
    platform = await startPlatform('alerts', ['identity', 'client-records', 'notifications']);
    tap = await EventTap.open(testServices().rabbitmqUrl, platform.namespace, ['notifications.#']);
    const admin = await signUpAsAdmin(platform.api, 'Maple Counselling', 'ada@maple.test', PASSWORD);
    Object.assign(maple, { id: admin.practiceId, adminToken: admin.adminToken });
    Object.assign(
      provider,
      await inviteProvider(platform.api, admin, { name: 'Pat', email: 'pat@maple.test', password: PASSWORD }),
    );
    const created = await createClient(platform.api, provider.accessToken, maple.id, {
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
    });
    client.id = created.id;
    Object.assign(
      client,
      await portalSignIn(platform.api, created.portalInviteUrl, 'alice@client.test', PASSWORD),
    );
    // Notifications learns of the portal account from identity's event: alerts wait for that.
    await eventually(async () => {
      const found = await platform.databases.notifications!.pool.query(
        'SELECT 1 FROM practice_members WHERE practice_id = $1 AND client_id = $2 AND user_id = $3',
        [maple.id, client.id, client.userId],
      );
      expect(found.rowCount).toBe(1);
    });
  });

  afterAll(async () => {
    await tap?.close();
    await platform?.close();
  });

  it('streams a new alert to its owner within a second of the invoice event; they list it, newest first', async () => {
    const stream = await openStream(platform.api.base, client.accessToken);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      const publishedAt = await invoiceSent();
      const streamed = await nextAlert(stream, 0);
      expect(streamed.receivedAt - publishedAt).toBeLessThan(1000);
      expect(streamed.alert).toMatchObject({ kind: 'invoice.sent', readAt: null });

      const listed = await platform.api.call('GET', '/me/alerts', { token: client.accessToken });
      expect(listed.status).toBe(200);
      const page = AlertPage.parse(listed.body);
      expect(page.items[0]).toEqual(streamed.alert);
      // What the client is told says neither the amount nor what the invoice is for.
      expect(JSON.stringify(page.items[0])).not.toMatch(/125|12,500|INV-000042/);
    } finally {
      await stream.close();
    }
  });

  it('pushes nothing to anyone else connected, and lists none of their alerts to them', async () => {
    const others = await openStream(platform.api.base, provider.accessToken);
    const owners = await openStream(platform.api.base, client.accessToken);
    try {
      const publishedAt = await invoiceSent();
      await nextAlert(owners, publishedAt);
      // Any push to the provider would have arrived with the owner's (one broker, one replica).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(others.events).toEqual([]);
      const listed = await platform.api.call('GET', '/me/alerts', { token: provider.accessToken });
      expect([listed.status, listed.body['items']]).toEqual([200, []]);
    } finally {
      await others.close();
      await owners.close();
    }
  });

  it('marks an alert read for its owner (readAt set, kept on a repeat); anyone else gets 404', async () => {
    const before = AlertPage.parse(
      (await platform.api.call('GET', '/me/alerts', { token: client.accessToken })).body,
    );
    const alert = before.items[0]!;
    expect(alert.readAt).toBeNull();

    const byProvider = await platform.api.call('POST', `/me/alerts/${alert.id}/read`, {
      token: provider.accessToken,
    });
    expect(byProvider.status).toBe(404);
    const byAdmin = await platform.api.call('POST', `/me/alerts/${alert.id}/read`, {
      token: maple.adminToken,
    });
    expect(byAdmin.status).toBe(404);

    const marked = await platform.api.call('POST', `/me/alerts/${alert.id}/read`, {
      token: client.accessToken,
    });
    expect(marked.status).toBe(204);
    const after = AlertPage.parse(
      (await platform.api.call('GET', '/me/alerts', { token: client.accessToken })).body,
    );
    const read = after.items.find((item) => item.id === alert.id)!;
    expect(read.readAt).toEqual(expect.any(String));

    const again = await platform.api.call('POST', `/me/alerts/${alert.id}/read`, {
      token: client.accessToken,
    });
    expect(again.status).toBe(204);
    const kept = AlertPage.parse(
      (await platform.api.call('GET', '/me/alerts', { token: client.accessToken })).body,
    );
    expect(kept.items.find((item) => item.id === alert.id)!.readAt).toBe(read.readAt);
    // The other alerts are untouched.
    expect(kept.items.filter((item) => item.id !== alert.id).every((item) => item.readAt === null)).toBe(
      true,
    );
  });

  it('pages the list newest first with an opaque cursor', async () => {
    const all = AlertPage.parse(
      (await platform.api.call('GET', '/me/alerts', { token: client.accessToken })).body,
    );
    expect(all.items.length).toBeGreaterThanOrEqual(2);
    const first = await platform.api.call('GET', '/me/alerts?limit=1', { token: client.accessToken });
    const firstPage = AlertPage.parse(first.body);
    expect(firstPage.items).toEqual([all.items[0]]);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const second = AlertPage.parse(
      (
        await platform.api.call('GET', `/me/alerts?limit=1&cursor=${firstPage.nextCursor!}`, {
          token: client.accessToken,
        })
      ).body,
    );
    expect(second.items).toEqual([all.items[1]]);
    const times = all.items.map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('streams the alert from a second gateway replica too, each through its own queue', async () => {
    let replica: GatewayApp | undefined;
    let onFirst: OpenStream | undefined;
    let onSecond: OpenStream | undefined;
    try {
      replica = await createGatewayApp(platform.gatewayConfig);
      await replica.app.listen({ port: 0, host: '127.0.0.1' });
      const secondBase = (await replica.app.getUrl()).replace('[::1]', '127.0.0.1');
      onFirst = await openStream(platform.api.base, client.accessToken);
      onSecond = await openStream(secondBase, client.accessToken);
      expect(onSecond.status).toBe(200);

      const publishedAt = await invoiceSent();
      const [first, second] = await Promise.all([
        nextAlert(onFirst, publishedAt),
        nextAlert(onSecond, publishedAt),
      ]);
      expect(second.alert).toEqual(first.alert);
      expect(second.receivedAt - publishedAt).toBeLessThan(1000);
      expect(first.receivedAt - publishedAt).toBeLessThan(1000);
      // One event each, not one per replica.
      expect(onSecond.events.filter((event) => event.receivedAt >= publishedAt)).toHaveLength(1);
    } finally {
      await onFirst?.close();
      await onSecond?.close();
      await replica?.close();
    }
  });

  it('answers 406 to a request that does not accept an event stream, rather than hang', async () => {
    const answer = await platform.api.call('GET', '/me/alerts/stream', { token: client.accessToken });
    expect(answer.status).toBe(406);
  });

  it('ends a stream on another replica within a second of its session signing out; another session’s stays', async () => {
    const replica = await createGatewayApp(platform.gatewayConfig);
    let signingOut: OpenStream | undefined;
    let staying: OpenStream | undefined;
    try {
      await replica.app.listen({ port: 0, host: '127.0.0.1' });
      const onB = (await replica.app.getUrl()).replace('[::1]', '127.0.0.1');
      const laptop = await login(platform.api, 'alice@client.test', PASSWORD);
      const phone = await login(platform.api, 'alice@client.test', PASSWORD);
      signingOut = await openStream(onB, laptop.accessToken);
      staying = await openStream(onB, phone.accessToken);
      let endedAt: number | undefined;
      void signingOut.ended.then(
        () => (endedAt = Date.now()),
        () => undefined,
      );

      const out = await platform.api.call('POST', '/auth/logout', { cookie: laptop.refreshCookie });
      expect(out.status).toBe(204);
      const signedOutAt = Date.now();
      await eventually(
        () => {
          if (endedAt === undefined) throw new Error('the signed-out session’s stream is still open');
        },
        { timeoutMs: 2000, intervalMs: 5 },
      );
      expect(endedAt! - signedOutAt).toBeLessThan(1000);
      // Told why, so the web app signs in again instead of reconnecting.
      expect(signingOut.events.map((event) => [event.event, event.data])).toEqual([
        [SESSION_ENDED_STREAM_EVENT, '{}'],
      ]);

      // The phone's stream is still open and still pushed to.
      const publishedAt = await invoiceSent();
      await nextAlert(staying, publishedAt);
      expect(staying.events.map((event) => event.event)).not.toContain(SESSION_ENDED_STREAM_EVENT);
    } finally {
      await signingOut?.close();
      await staying?.close();
      await replica.close();
    }
  });

  it('ends the stream when its gateway shuts down, so a client reconnects elsewhere', async () => {
    const replica = await createGatewayApp(platform.gatewayConfig);
    await replica.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openStream(
      (await replica.app.getUrl()).replace('[::1]', '127.0.0.1'),
      client.accessToken,
    );
    await replica.close();
    await expect(stream.ended).resolves.toBeUndefined();
  });
});
