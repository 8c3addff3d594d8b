import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListFailedEmailDeliveriesRoute, type FailedEmailDeliveryViewV2 } from '@arbor/contracts';
import { fakeGateway, problem, PRACTICE_ID, USER_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { EmailDeliveriesPage } from './EmailDeliveriesPage';

const INVITATION: FailedEmailDeliveryViewV2 = {
  id: '01937a1e-0000-7000-8000-0000000000e1',
  to: 'pat@maple.test',
  subject: 'Join Maple Counselling on Arbor',
  about: {
    kind: 'invitation',
    invitationKind: 'staff',
    invitationId: '01937a1e-0000-7000-8000-0000000000a1',
  },
  attempts: 6,
  lastError: "Can't send mail - all recipients were rejected: 550 5.1.1 Mailbox unavailable",
  createdAt: '2026-12-01T13:00:00.000Z',
  failedAt: '2026-12-01T14:05:00.000Z',
};
const ALERT: FailedEmailDeliveryViewV2 = {
  id: '01937a1e-0000-7000-8000-0000000000e2',
  to: 'alice@client.test',
  subject: 'New invoice from Maple Counselling',
  about: {
    kind: 'alert',
    alertKind: 'invoice.sent',
    alertId: '01937a1e-0000-7000-8000-0000000000a2',
    userId: USER_ID,
  },
  attempts: 1,
  lastError: 'connect ECONNREFUSED 127.0.0.1:1025',
  createdAt: '2026-12-01T12:00:00.000Z',
  failedAt: '2026-12-01T12:00:01.000Z',
};
const LIST_PATH = `/api/v1/practices/${PRACTICE_ID}/email-deliveries/failed`;

describe('EmailDeliveriesPage', () => {
  it('lists each undelivered email (to whom, about what, tries, the server’s answer in plain words), a page at a time', async () => {
    const gateway = fakeGateway([
      {
        route: ListFailedEmailDeliveriesRoute,
        reply: ({ path }) =>
          path.includes('cursor=')
            ? { status: 200, body: { items: [ALERT], nextCursor: null } }
            : { status: 200, body: { items: [INVITATION], nextCursor: 'page-two' } },
      },
    ]);
    const { user } = renderScreen(<EmailDeliveriesPage />);
    expect(await screen.findByRole('heading', { level: 2, name: 'Undelivered email' })).toBeInTheDocument();

    const invitation = await screen.findByRole('listitem', { name: 'Staff invitation to pat@maple.test' });
    expect(within(invitation).getByText('Join Maple Counselling on Arbor')).toBeInTheDocument();
    expect(within(invitation).getByText(/refused this address/)).toBeInTheDocument();
    expect(within(invitation).getByText(/after 6 tries$/)).toBeInTheDocument();
    expect(within(invitation).getByText(/550 5\.1\.1 Mailbox unavailable/)).toBeInTheDocument();
    expect(screen.queryByText('alice@client.test')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    const alert = await screen.findByRole('listitem', { name: 'New invoice alert to alice@client.test' });
    expect(within(alert).getByText('Arbor could not reach its mail server.')).toBeInTheDocument();
    expect(within(alert).getByText(/after 1 try$/)).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'Staff invitation to pat@maple.test' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(gateway.requests.map((request) => request.path)).toEqual([
      LIST_PATH,
      `${LIST_PATH}?cursor=page-two`,
    ]);
  });

  it('says every email was delivered when none failed', async () => {
    fakeGateway([
      {
        route: ListFailedEmailDeliveriesRoute,
        reply: () => ({ status: 200, body: { items: [], nextCursor: null } }),
      },
    ]);
    renderScreen(<EmailDeliveriesPage />);
    expect(await screen.findByText('Every email was delivered')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Undelivered emails' })).not.toBeInTheDocument();
  });

  it('says so in plain words when the list cannot be loaded, and tries again on request', async () => {
    let calls = 0;
    fakeGateway([
      {
        route: ListFailedEmailDeliveriesRoute,
        reply: () =>
          ++calls === 1
            ? problem(503, 'service_unavailable', 'Notifications is not answering.')
            : { status: 200, body: { items: [INVITATION], nextCursor: null } },
      },
    ]);
    const { user } = renderScreen(<EmailDeliveriesPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('This could not be loaded');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByRole('listitem', { name: 'Staff invitation to pat@maple.test' }),
    ).toBeInTheDocument();
  });
});
