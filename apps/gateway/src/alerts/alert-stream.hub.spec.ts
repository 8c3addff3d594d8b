import type { ConsumeMessage } from 'amqplib';
import {
  AlertCreated,
  SessionEnded,
  type AlertView,
  type DataOf,
  type EventContract,
  type EventEnvelope,
} from '@arbor/contracts';
import { createLogger } from '@arbor/observability';
import { loadGatewayConfig } from '../gateway.config';
import { AlertStreamHub, type AlertListener, type StreamOwner } from './alert-stream.hub';

const practiceId = '0190a6a0-0000-7000-8000-000000000001';
const userId = '0190a6a0-0000-7000-8000-000000000002';
const signedOut: StreamOwner = { practiceId, userId, sessionId: '0190a6a0-0000-7000-8000-00000000000a' };
const otherSession: StreamOwner = { practiceId, userId, sessionId: '0190a6a0-0000-7000-8000-00000000000b' };

const alert: AlertView = {
  id: '0190a6a0-0000-7000-8000-000000000003',
  kind: 'invoice.sent',
  title: 'New invoice',
  body: 'Maple Counselling sent you an invoice.',
  link: '/portal/invoices',
  createdAt: '2026-12-01T12:00:00.000Z',
  readAt: null,
};

/** A message as this replica's queue hands it over: the relay's {pattern, data: envelope}. */
function messageOf<C extends EventContract>(
  contract: C,
  data: DataOf<C> | Record<string, unknown>,
): ConsumeMessage {
  const envelope: EventEnvelope<unknown> = {
    id: '0190a6a0-0000-7000-8000-0000000000ff',
    type: contract.pattern,
    occurredAt: '2026-12-01T12:00:00.000Z',
    practiceId,
    actor: { userId, practiceId, role: 'client' },
    data,
  };
  return {
    content: Buffer.from(JSON.stringify({ pattern: contract.pattern, data: envelope })),
    fields: { routingKey: contract.pattern },
    properties: { messageId: envelope.id },
  } as unknown as ConsumeMessage;
}

/** A stream as the hub sees it, ending itself (unsubscribing) as the real one does. */
function streamOf(hub: AlertStreamHub, owner: StreamOwner) {
  const seen = { alerts: [] as AlertView[], sessionEnded: 0, ended: false };
  const listener: AlertListener = {
    push: (pushed) => seen.alerts.push(pushed),
    sessionEnded: () => {
      seen.sessionEnded += 1;
      listener.end();
    },
    end: () => {
      seen.ended = true;
      unsubscribe();
    },
  };
  const unsubscribe = hub.subscribe(owner, listener);
  return seen;
}

describe('the alert stream hub', () => {
  let logged: string[];
  let hub: AlertStreamHub;

  beforeEach(() => {
    logged = [];
    const logger = createLogger('gateway', 'warn', { write: (line: string) => logged.push(line) });
    // Never bootstrapped: the messages are handed to it as its queue would.
    hub = new AlertStreamHub(loadGatewayConfig({}), logger);
  });

  const ended = (owner: StreamOwner, reason: DataOf<typeof SessionEnded>['reason'] = 'logout') =>
    hub.receive(messageOf(SessionEnded, { sessionId: owner.sessionId, userId, practiceId, reason }));

  it('ends every stream the ended session opened, once each, and none of the person’s other sessions', () => {
    const tabOne = streamOf(hub, signedOut);
    const tabTwo = streamOf(hub, signedOut);
    const phone = streamOf(hub, otherSession);
    ended(signedOut);
    expect([tabOne.sessionEnded, tabTwo.sessionEnded, phone.sessionEnded]).toEqual([1, 1, 0]);
    expect(phone.ended).toBe(false);

    // The ended streams are gone from the hub: a later alert reaches the other session only.
    hub.receive(messageOf(AlertCreated, { practiceId, userId, alert }));
    expect([tabOne.alerts, tabTwo.alerts, phone.alerts]).toEqual([[], [], [alert]]);
    // And a repeated end (another replica's retry, say) finds nothing more to end.
    ended(signedOut);
    expect(tabOne.sessionEnded).toBe(1);
  });

  it('ends the streams of a revoked session whatever the reason', () => {
    const stream = streamOf(hub, signedOut);
    ended(signedOut, 'roles_changed');
    expect(stream.sessionEnded).toBe(1);
  });

  it('ends nothing on an event that breaks its contract, and says so in the log', () => {
    const stream = streamOf(hub, signedOut);
    hub.receive(
      messageOf(SessionEnded, { sessionId: signedOut.sessionId, userId, practiceId, reason: 'bored' }),
    );
    hub.receive(messageOf(SessionEnded, { sessionId: signedOut.sessionId }));
    expect(stream.sessionEnded).toBe(0);
    expect(logged.filter((line) => line.includes('session-ended event breaks its contract'))).toHaveLength(2);
    hub.receive(messageOf(AlertCreated, { practiceId, userId, alert }));
    expect(stream.alerts).toEqual([alert]);
  });
});
