// Real: the notifications service started in this process as main.ts starts it (the shared service
// world: a throwaway PostgreSQL database migrated with its migrations, RabbitMQ, its jobs on
// Redis), nodemailer over SMTP to a real SMTP server (smtp-server, started here on a free port)
// whose messages are read back with mailparser. Faked: identity and invoicing (the test publishes
// their events itself, in the shapes of their contracts) and the clock.
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  InvoiceSent,
  MembershipChanged,
  PracticeCreated,
  UserEmailSet,
  UserInvitedV2,
  type DataOf,
  type EventEnvelope,
} from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { startMailServer, type ReceivedMail, type TestMailServer } from '../../test/mail-server';
import { notificationsWorld } from '../../test/notifications-world';
import type { NotificationsConfig } from '../notifications.config';
import { emailDeliveries } from './email.schema';

const practiceId = uuidv7();
const adminId = uuidv7();
const INVITE_URL = 'https://app.arbor.test/invitations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';
const EXPIRES_AT = '2026-12-08T12:40:00.000Z';

describe('invitation emails and people’s addresses', () => {
  let mail: TestMailServer;
  let world: ServiceWorld<NotificationsConfig>;

  beforeAll(async () => {
    mail = await startMailServer(() => false);
    world = await notificationsWorld('notifications-invitations', {
      email: { smtpUrl: mail.url, webOrigin: 'https://app.arbor.test' },
    });
    await world.handled(
      (
        await publish(PracticeCreated.pattern, {
          practiceId,
          name: 'Maple Counselling',
          adminUserId: adminId,
        })
      ).id,
    );
  });
  afterAll(async () => {
    await world?.close();
    await mail?.close();
  });

  async function publish(
    type: string,
    data: Record<string, unknown>,
    occurredAt = world.clock.now(),
  ): Promise<EventEnvelope<unknown>> {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(event);
    return event;
  }

  function invitation(
    email: string,
    overrides: Partial<DataOf<typeof UserInvitedV2>> = {},
  ): DataOf<typeof UserInvitedV2> {
    return {
      practiceId,
      practiceName: 'Maple Counselling',
      invitationId: uuidv7(),
      kind: 'staff',
      roles: ['provider'],
      clientId: null,
      invitee: { name: 'Priya Provider', email },
      invitedBy: { userId: adminId, name: 'Ana Founder' },
      inviteUrl: INVITE_URL,
      expiresAt: EXPIRES_AT,
      ...overrides,
    };
  }

  function receivedBy(address: string): Promise<ReceivedMail> {
    return eventually(() => {
      const found = mail.received.find((message) => message.recipients.includes(address));
      if (!found) throw new Error(`no email to ${address} yet`);
      return found;
    });
  }

  it('emails a staff invitation to the invitee: who invited them, to which practice, and the link', async () => {
    const email = 'priya@staff.test';
    const data = invitation(email);
    await world.handled((await publish(UserInvitedV2.pattern, data)).id);

    const { recipients, mail: received } = await receivedBy(email);
    expect(recipients).toEqual([email]);
    expect(received.from?.value).toEqual([{ name: 'Arbor', address: 'no-reply@arbor.test' }]);
    expect(received.subject).toBe('Ana Founder invited you to Maple Counselling on Arbor');
    expect(received.text).toBe(
      [
        'Hello Priya Provider,',
        '',
        'Ana Founder invited you to join Maple Counselling on Arbor.',
        '',
        `Accept the invitation: ${INVITE_URL}`,
        '',
        'The link works once, until 2026-12-08 12:40 UTC. If you did not expect this email, ignore it.',
        '',
      ].join('\n'),
    );
    const [delivery] = await eventually(async () => {
      const rows = await world.database.db
        .select()
        .from(emailDeliveries)
        .where(eq(emailDeliveries.invitationId, data.invitationId));
      if (rows[0]?.status !== 'sent') throw new Error('not recorded as sent yet');
      return rows;
    });
    expect(delivery).toMatchObject({
      kind: 'invitation.staff',
      toAddress: email,
      userId: null,
      alertId: null,
    });
    expect(received.messageId).toBe(`<${delivery!.id}@arbor.notifications>`);
  });

  it('emails a client portal invitation, saying nothing about care', async () => {
    const email = 'casey@client.test';
    const data = invitation(email, {
      kind: 'client_portal',
      roles: ['client'],
      clientId: uuidv7(),
      invitee: { name: 'Casey Client', email },
      invitedBy: { userId: uuidv7(), name: 'Dr Rowan Provider' },
    });
    await world.handled((await publish(UserInvitedV2.pattern, data)).id);

    const { mail: received } = await receivedBy(email);
    expect(received.subject).toBe('Your client portal with Maple Counselling');
    expect(received.text).toContain(
      'Dr Rowan Provider at Maple Counselling set up an Arbor client portal account for you.',
    );
    expect(received.text).toContain(`Accept the invitation: ${INVITE_URL}`);
    expect(received.text).not.toContain(data.clientId!);
  });

  it('sends one email for an invitation whose event comes again under another id', async () => {
    const email = 'twice@staff.test';
    const data = invitation(email);
    await world.handled((await publish(UserInvitedV2.pattern, data)).id);
    await receivedBy(email);
    await world.handled((await publish(UserInvitedV2.pattern, data)).id);

    await new Promise((resolve) => setTimeout(resolve, 1500)); // a second email would be taken by now
    expect(mail.received.filter((message) => message.recipients.includes(email))).toHaveLength(1);
    const rows = await world.database.db
      .select()
      .from(emailDeliveries)
      .where(eq(emailDeliveries.invitationId, data.invitationId));
    expect(rows).toHaveLength(1);
  });

  it('emails an invoice alert to the address identity gave, the latest one, ignoring an older one arriving late', async () => {
    const userId = uuidv7();
    const clientId = uuidv7();
    const earlier = world.clock.now();
    world.clock.advance(60_000);
    const later = world.clock.now();
    await world.handled(
      (await publish(MembershipChanged.pattern, { practiceId, userId, roles: ['client'], clientId })).id,
    );
    await world.handled(
      (await publish(UserEmailSet.pattern, { userId, email: 'jordan@new.test' }, later)).id,
    );
    await world.handled(
      (await publish(UserEmailSet.pattern, { userId, email: 'jordan@old.test' }, earlier)).id,
    );

    await world.handled(
      (
        await publish(InvoiceSent.pattern, {
          practiceId,
          invoiceId: uuidv7(),
          number: 'INV-000007',
          clientId,
          providerId: uuidv7(),
          status: 'unpaid',
          total: 9_900,
          currency: 'USD',
          amountPaid: 0,
          amountRefunded: 0,
        })
      ).id,
    );
    const { recipients, mail: received } = await receivedBy('jordan@new.test');
    expect(recipients).toEqual(['jordan@new.test']);
    expect(received.subject).toBe('New invoice from Maple Counselling');
    expect(mail.received.some((message) => message.recipients.includes('jordan@old.test'))).toBe(false);
  });
});
