import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListMyAlertsRoute, MarkMyAlertReadRoute, type AlertView } from '@arbor/contracts';
import { page } from '../clients/fixtures.test-support';
import { fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { AlertsList } from './AlertsList';

const CLIENT = { role: 'client', roles: ['client'] } as const;
const ALERT: AlertView = {
  id: '01937a1e-0000-7000-8000-0000000000a1',
  kind: 'invoice.sent',
  title: 'New invoice from Riverside Counselling',
  body: 'A new invoice from Riverside Counselling is waiting for you. Sign in to see it.',
  link: '/portal/invoices',
  createdAt: '2026-11-30T16:00:00.000Z',
  readAt: null,
};

describe('AlertsList', () => {
  it('shows a new alert as new, and marking it read sends that and shows it read', async () => {
    let readAt: string | null = null;
    const gateway = fakeGateway([
      { route: ListMyAlertsRoute, reply: () => page([{ ...ALERT, readAt }]) },
      {
        route: MarkMyAlertReadRoute,
        reply: () => {
          readAt = '2026-11-30T17:00:00.000Z';
          return { status: 204 };
        },
      },
    ]);
    const { user } = renderScreen(<AlertsList />, {
      path: '/portal',
      claims: { ...CLIENT, roles: ['client'] },
    });
    const card = await screen.findByRole('article', { name: ALERT.title });
    expect(within(card).getByText('New')).toBeInTheDocument();
    expect(within(card).getByText(ALERT.body)).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Mark as read' }));
    await waitFor(() =>
      expect(within(screen.getByRole('article', { name: ALERT.title })).queryByText('New')).toBeNull(),
    );
    expect(screen.queryByRole('button', { name: 'Mark as read' })).not.toBeInTheDocument();
    expect(gateway.requests.filter((request) => request.operationId === 'markMyAlertRead')).toEqual([
      expect.objectContaining({ method: 'POST', path: `/api/v1/me/alerts/${ALERT.id}/read` }),
    ]);
  });

  it('links only to a page of the app, never elsewhere', async () => {
    fakeGateway([
      {
        route: ListMyAlertsRoute,
        reply: () =>
          page([
            ALERT,
            {
              ...ALERT,
              id: '01937a1e-0000-7000-8000-0000000000a2',
              title: 'Elsewhere',
              link: '//evil.example/x',
            },
          ]),
      },
    ]);
    renderScreen(<AlertsList />, { path: '/portal', claims: { ...CLIENT, roles: ['client'] } });
    const inside = await screen.findByRole('article', { name: ALERT.title });
    expect(within(inside).getByRole('link', { name: 'Open' })).toHaveAttribute('href', '/portal/invoices');
    const outside = screen.getByRole('article', { name: 'Elsewhere' });
    expect(within(outside).queryByRole('link')).not.toBeInTheDocument();
  });

  it('says so when there is nothing', async () => {
    fakeGateway([{ route: ListMyAlertsRoute, reply: () => page([]) }]);
    renderScreen(<AlertsList />, { path: '/portal', claims: { ...CLIENT, roles: ['client'] } });
    expect(await screen.findByText('No alerts')).toBeInTheDocument();
  });
});
