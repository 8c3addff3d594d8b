// Real: the notifications service started in this process as main.ts starts it (the shared service
// world: startService, a throwaway PostgreSQL database migrated with its migrations, RabbitMQ, its
// jobs on Redis), nodemailer over SMTP to a real SMTP server (smtp-server, started here on a free
// port) whose messages are read back with mailparser. Faked: identity and invoicing (the test
// publishes their events itself, people's addresses included), the gateway (actors are made up),
// and the clock.
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  AlertCreated,
  InvoiceSent,
  ListFailedEmailDeliveriesV2,
  MembershipChanged,
  PracticeCreated,
  UserEmailSet,
  UserInvitedV2,
  type Actor,
  type DataOf,
  type EventEnvelope,
  type Role,
} from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { startMailServer, type TestMailServer } from '../../test/mail-server';
import { notificationsWorld } from '../../test/notifications-world';
import type { NotificationsConfig } from '../notifications.config';
import { emailDeliveries } from './email.schema';

const practiceId = uuidv7();
const otherPracticeId = uuidv7();
const clientId = uuidv7();
const refusedClientId = uuidv7();
const slowClientId = uuidv7();
const users = { client: uuidv7(), refusedClient: uuidv7(), slowClient: uuidv7(), admin: uuidv7() };
const addresses = { client: 'jordan@client.test', refused: 'gone@refused.test', slow: 'sam@slow.test' };
const TOTAL = 12_345;
const ATTEMPTS = 3;

const actor = (userId: string, role: Role, practice = practiceId): Actor => ({
  userId,
  practiceId: practice,
  role,
});

describe('email deliveries', () => {
  let mail: TestMailServer;
  let world: ServiceWorld<NotificationsConfig>;

  beforeAll(async () => {
    mail = await startMailServer((address) => address.endsWith('@refused.test'), {
      slow: (address) => address.endsWith('@slow.test'),
      slowMs: 1500,
    });
    world = await notificationsWorld('notifications-email', {
      email: { smtpUrl: mail.url, webOrigin: 'https://app.arbor.test', attempts: ATTEMPTS, backoffMs: 50 },
      tap: [AlertCreated.pattern],
    });
    const setup = [
      await publish(PracticeCreated.pattern, {
        practiceId,
        name: 'Maple Counselling',
        adminUserId: users.admin,
      }),
      await publish(MembershipChanged.pattern, {
        practiceId,
        userId: users.client,
        roles: ['client'],
        clientId,
      }),
      await publish(MembershipChanged.pattern, {
        practiceId,
        userId: users.refusedClient,
        roles: ['client'],
        clientId: refusedClientId,
      }),
      await publish(MembershipChanged.pattern, {
        practiceId,
        userId: users.slowClient,
        roles: ['client'],
        clientId: slowClientId,
      }),
      await publish(UserEmailSet.pattern, { userId: users.client, email: addresses.client }),
      await publish(UserEmailSet.pattern, { userId: users.refusedClient, email: addresses.refused }),
      await publish(UserEmailSet.pattern, { userId: users.slowClient, email: addresses.slow }),
    ];
    await Promise.all(setup.map((event) => world.handled(event.id)));
  });
  afterAll(async () => {
    await world?.close();
    await mail?.close();
  });

  async function publish(type: string, data: Record<string, unknown>): Promise<EventEnvelope<unknown>> {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type,
      occurredAt: world.clock.now().toISOString(),
      practiceId: (data['practiceId'] as string | undefined) ?? practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(event);
    return event;
  }

  function invoiceSent(client: string) {
    return publish(InvoiceSent.pattern, {
      practiceId,
      invoiceId: uuidv7(),
      number: 'INV-000321',
      clientId: client,
      providerId: uuidv7(),
      status: 'unpaid',
      total: TOTAL,
      currency: 'USD',
      amountPaid: 0,
      amountRefunded: 0,
    });
  }

  function invited(email: string, kind: DataOf<typeof UserInvitedV2>['kind']) {
    const invitationId = uuidv7();
    const data: DataOf<typeof UserInvitedV2> = {
      practiceId,
      practiceName: 'Maple Counselling',
      invitationId,
      kind,
      roles: kind === 'staff' ? ['provider'] : ['client'],
      clientId: kind === 'staff' ? null : uuidv7(),
      invitee: { name: 'Gone', email },
      invitedBy: { userId: users.admin, name: 'Ana Admin' },
      inviteUrl: 'https://app.arbor.test/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
      expiresAt: '2026-12-08T12:40:00.000Z',
    };
    return { invitationId, published: publish(UserInvitedV2.pattern, data) };
  }

  function failedOf(invitationId: string) {
    return eventually(
      async () => {
        const [row] = await world.database.db
          .select()
          .from(emailDeliveries)
          .where(eq(emailDeliveries.invitationId, invitationId));
        if (row?.status !== 'failed') throw new Error('the invitation email has not failed yet');
        return row;
      },
      { timeoutMs: 15_000 },
    );
  }

  function deliveriesTo(address: string) {
    return world.database.db.select().from(emailDeliveries).where(eq(emailDeliveries.toAddress, address));
  }

  it('emails the client that a new invoice is waiting, with a sign-in link and neither amount nor number', async () => {
    await world.handled((await invoiceSent(clientId)).id);

    const { recipients, mail: email } = await eventually(() => {
      const found = mail.received.find((message) => message.recipients.includes(addresses.client));
      if (!found) throw new Error('no email to the client yet');
      return found;
    });
    expect(recipients).toEqual([addresses.client]);
    expect(email.from?.value).toEqual([{ name: 'Arbor', address: 'no-reply@arbor.test' }]);
    expect(email.subject).toBe('New invoice from Maple Counselling');
    expect(email.text).toBe(
      [
        'A new invoice from Maple Counselling is waiting for you. Sign in to see it.',
        '',
        'Sign in to Arbor: https://app.arbor.test/sign-in?next=%2Fportal',
        '',
        'For your privacy, this email never holds the details: they are shown once you sign in.',
        '',
      ].join('\n'),
    );
    const raw = `${email.subject ?? ''}\n${email.text ?? ''}\n${typeof email.html === 'string' ? email.html : ''}`;
    expect(raw).not.toContain(String(TOTAL));
    expect(raw).not.toContain('123.45');
    expect(raw).not.toContain('INV-000321');

    const [delivery] = await eventually(async () => {
      const rows = await deliveriesTo(addresses.client);
      if (rows[0]?.status !== 'sent') throw new Error('not recorded as sent yet');
      return rows;
    });
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, lastError: null, userId: users.client });
    expect(email.messageId).toBe(`<${delivery!.id}@arbor.notifications>`);
  });

  it('sends one email when the alert is announced again while its email is on its way', async () => {
    await world.handled((await invoiceSent(slowClientId)).id);
    const announced = await world.events.next(
      AlertCreated.pattern,
      (data) => data['userId'] === users.slowClient,
    );
    // A new envelope id gets past the inbox, as a crash after the enqueue and before the commit
    // would; the mail server is still taking the first email, so the delivery is still pending.
    const again = { ...announced, id: uuidv7() };
    await world.events.publish(again);
    await world.handled(again.id);
    expect(await deliveriesTo(addresses.slow)).toMatchObject([{ status: 'pending' }]);

    await eventually(async () => {
      const [row] = await deliveriesTo(addresses.slow);
      if (row?.status !== 'sent') throw new Error('not sent yet');
    });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // a second email would be taken by now
    expect(mail.received.filter((message) => message.recipients.includes(addresses.slow))).toHaveLength(1);
    expect(await deliveriesTo(addresses.slow)).toHaveLength(1);
  });

  it('records a refused email as failed after its last try, an alert’s and an invitation’s alike', async () => {
    await world.handled((await invoiceSent(refusedClientId)).id);
    const { invitationId, published } = invited('invitee@refused.test', 'staff');
    await world.handled((await published).id);
    const invitation = await failedOf(invitationId);

    const [alert] = await eventually(
      async () => {
        const rows = await world.database.db
          .select()
          .from(emailDeliveries)
          .where(and(eq(emailDeliveries.toAddress, addresses.refused), eq(emailDeliveries.status, 'failed')));
        if (rows.length === 0) throw new Error('not failed yet');
        return rows;
      },
      { timeoutMs: 15_000 },
    );
    for (const [row, to] of [
      [alert!, addresses.refused],
      [invitation, 'invitee@refused.test'],
    ] as const) {
      expect(row).toMatchObject({
        status: 'failed',
        attempts: ATTEMPTS,
        lastError: expect.stringContaining('550'),
      });
      expect(mail.recipientsTried.filter((tried) => tried === to)).toHaveLength(ATTEMPTS);
      expect(mail.received.some((message) => message.recipients.includes(to))).toBe(false);
    }
  });

  it('lists every failed email to Admins only, alerts and invitations alike, newest failure first, a page at a time', async () => {
    // The refused alert and staff invitation of the test above, and now a client-portal invitation.
    const { invitationId, published } = invited('portal@refused.test', 'client_portal');
    await world.handled((await published).id);
    const portal = await failedOf(invitationId);
    const rows = (
      await world.database.db
        .select()
        .from(emailDeliveries)
        .where(and(eq(emailDeliveries.practiceId, practiceId), eq(emailDeliveries.status, 'failed')))
    ).sort((a, b) => b.failedAt!.getTime() - a.failedAt!.getTime() || (a.id < b.id ? 1 : -1));
    expect(rows).toHaveLength(3);
    expect(mail.recipientsTried.filter((to) => to === 'portal@refused.test')).toHaveLength(ATTEMPTS);

    const admin = actor(users.admin, 'admin');
    const first = await world.bus.send(ListFailedEmailDeliveriesV2, { actor: admin, limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(rows.slice(0, 2).map((row) => row.id));
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await world.bus.send(ListFailedEmailDeliveriesV2, {
      actor: admin,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect(second).toEqual({ items: [expect.objectContaining({ id: rows[2]!.id })], nextCursor: null });

    const byId = new Map([...first.items, ...second.items].map((item) => [item.id, item]));
    expect(byId.get(portal.id)).toEqual({
      id: portal.id,
      to: 'portal@refused.test',
      subject: portal.subject,
      about: { kind: 'invitation', invitationKind: 'client_portal', invitationId },
      attempts: ATTEMPTS,
      lastError: expect.stringContaining('550'),
      createdAt: portal.createdAt.toISOString(),
      failedAt: portal.failedAt!.toISOString(),
    });
    const staff = rows.find((row) => row.kind === 'invitation.staff')!;
    expect(byId.get(staff.id)).toMatchObject({
      to: 'invitee@refused.test',
      about: { kind: 'invitation', invitationKind: 'staff', invitationId: staff.invitationId },
    });
    const alert = rows.find((row) => row.alertId !== null)!;
    expect(byId.get(alert.id)).toMatchObject({
      to: addresses.refused,
      subject: 'New invoice from Maple Counselling',
      about: {
        kind: 'alert',
        alertKind: 'invoice.sent',
        alertId: alert.alertId,
        userId: users.refusedClient,
      },
    });

    for (const role of ['client', 'provider'] as const) {
      await expect(
        world.bus.send(ListFailedEmailDeliveriesV2, { actor: actor(uuidv7(), role) }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    await expect(
      world.bus.send(ListFailedEmailDeliveriesV2, { actor: actor(uuidv7(), 'admin', otherPracticeId) }),
    ).resolves.toEqual({ items: [], nextCursor: null });
  });
});
