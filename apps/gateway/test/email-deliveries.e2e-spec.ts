// Real: the built identity, client-records and notifications apps in their own processes (a staff
// invitation, a client's portal invitation, the portal account's address), the gateway in this
// process, nodemailer in notifications talking SMTP to a real SMTP server (smtp-server, started
// here) that refuses every recipient, RabbitMQ, Redis and PostgreSQL.
// Faked: invoicing. Its `invoice.sent` event is published by the test, as its outbox relay would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FailedEmailDeliveryPageV2, type FailedEmailDeliveryViewV2 } from '@arbor/contracts';
import { EventTap } from '@arbor/service-testing';
import { eventually, testServices } from '@arbor/testing';
import { createClient, portalSignIn } from './clients-helpers';
import { publishInvoiceSent } from './invoice-sent-helpers';
import { inviteProvider, signUpAsAdmin } from './identity-helpers';
import { startPlatform, type Platform } from './platform';
import { MAIL_REFUSAL, startRefusingMailServer } from './refusing-mail-server';

const PASSWORD = 'correct horse battery staple';

describe('email deliveries: an Admin sees every email Arbor could not deliver', () => {
  let platform: Platform;
  let mail: Awaited<ReturnType<typeof startRefusingMailServer>>;
  let tap: EventTap;
  const maple = { id: '', adminToken: '' };
  const birch = { id: '', adminToken: '' };
  const provider = { userId: '', accessToken: '' };
  const client = { id: '', userId: '' };

  const failedUrl = (practiceId: string, query = '') =>
    `/practices/${practiceId}/email-deliveries/failed${query}`;

  async function failedPage(practiceId: string, token: string, query = '') {
    const answer = await platform.api.call('GET', failedUrl(practiceId, query), { token });
    expect(answer.status).toBe(200);
    return FailedEmailDeliveryPageV2.parse(answer.body);
  }

  beforeAll(async () => {
    mail = await startRefusingMailServer();
    platform = await startPlatform('email-deliveries', ['identity', 'client-records', 'notifications'], {
      env: { notifications: { ARBOR_NOTIFICATIONS_SMTP_URL: mail.url } },
    });
    tap = await EventTap.open(testServices().rabbitmqUrl, platform.namespace, ['notifications.#']);
    for (const [practice, name, email] of [
      [maple, 'Maple Counselling', 'ada@maple.test'],
      [birch, 'Birch Therapy', 'bo@birch.test'],
    ] as const) {
      const admin = await signUpAsAdmin(platform.api, name, email, PASSWORD);
      Object.assign(practice, { id: admin.practiceId, adminToken: admin.adminToken });
    }
    // The staff invitation's email to pat@ is refused; Pat joins with the link all the same.
    Object.assign(
      provider,
      await inviteProvider(
        platform.api,
        { practiceId: maple.id, adminToken: maple.adminToken },
        { name: 'Pat', email: 'pat@maple.test', password: PASSWORD },
      ),
    );
    // So is the client's portal invitation; Alice too joins with the link.
    const created = await createClient(platform.api, provider.accessToken, maple.id, {
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'alice@client.test',
    });
    client.id = created.id;
    client.userId = (
      await portalSignIn(platform.api, created.portalInviteUrl, 'alice@client.test', PASSWORD)
    ).userId;
    // Notifications learns of the portal account (and its address) from identity's events.
    await eventually(async () => {
      const found = await platform.databases.notifications!.pool.query(
        'SELECT 1 FROM practice_members WHERE practice_id = $1 AND client_id = $2 AND user_id = $3',
        [maple.id, client.id, client.userId],
      );
      expect(found.rowCount).toBe(1);
    });
    // Stands in for invoicing: an invoice sent to Alice alerts her, and its email is refused too.
    await publishInvoiceSent(tap, { practiceId: maple.id, clientId: client.id, providerId: provider.userId });
  });

  afterAll(async () => {
    await tap?.close();
    await platform?.close();
    await mail?.close();
  });

  it('lists the refused invitations and the invoice alert to the Admin, newest failure first, a page at a time', async () => {
    const all = await eventually(
      async () => {
        const page = await failedPage(maple.id, maple.adminToken);
        expect(page.items).toHaveLength(3);
        return page;
      },
      { timeoutMs: 15_000 },
    );
    expect(all.nextCursor).toBeNull();
    const byTo = (to: string, kind: FailedEmailDeliveryViewV2['about']['kind']) =>
      all.items.find((item) => item.to === to && item.about.kind === kind);
    expect(byTo('pat@maple.test', 'invitation')).toMatchObject({
      about: { kind: 'invitation', invitationKind: 'staff' },
      subject: expect.stringContaining('Maple Counselling'),
      attempts: 1,
      lastError: expect.stringContaining(MAIL_REFUSAL),
    });
    expect(byTo('alice@client.test', 'invitation')).toMatchObject({
      about: { kind: 'invitation', invitationKind: 'client_portal' },
      attempts: 1,
      lastError: expect.stringContaining('550'),
    });
    expect(byTo('alice@client.test', 'alert')).toMatchObject({
      about: { kind: 'alert', alertKind: 'invoice.sent', userId: client.userId },
      subject: 'New invoice from Maple Counselling',
      attempts: 1,
      lastError: expect.stringContaining('550'),
    });
    // Nothing about the invoice itself, and never the invitation's secret link.
    expect(JSON.stringify(all)).not.toMatch(/INV-000042|12,?500|\/invitations\//);
    const failedAts = all.items.map((item) => item.failedAt);
    expect(failedAts).toEqual([...failedAts].sort().reverse());

    const first = await failedPage(maple.id, maple.adminToken, '?limit=2');
    expect(first.items).toEqual(all.items.slice(0, 2));
    const second = await failedPage(
      maple.id,
      maple.adminToken,
      `?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second).toEqual({ items: all.items.slice(2), nextCursor: null });
  });

  it('answers 403 to a Provider of the practice', async () => {
    const answer = await platform.api.call('GET', failedUrl(maple.id), { token: provider.accessToken });
    expect(answer.status).toBe(403);
  });

  it('shows another practice’s Admin none of them: 404 for this practice, an empty list for their own', async () => {
    const foreign = await platform.api.call('GET', failedUrl(maple.id), { token: birch.adminToken });
    expect(foreign.status).toBe(404);
    expect(await failedPage(birch.id, birch.adminToken)).toEqual({ items: [], nextCursor: null });
  });

  it('answers 400 naming `cursor` to a cursor this list did not hand out', async () => {
    const answer = await platform.api.call('GET', failedUrl(maple.id, '?cursor=not-a-cursor'), {
      token: maple.adminToken,
    });
    expect(answer.status).toBe(400);
    expect((answer.body['errors'] as Array<{ path: string }>).map((error) => error.path)).toEqual(['cursor']);
  });
});
