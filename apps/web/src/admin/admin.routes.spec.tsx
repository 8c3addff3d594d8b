import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ListFailedEmailDeliveriesRoute,
  ListPaymentProcessorsRoute,
  ListServicesRoute,
  ListStaffRoute,
  GetSalesTaxRoute,
} from '@arbor/contracts';
import { fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { adminRoutes } from './admin.routes';

const empty = { status: 200, body: { items: [], nextCursor: null } };

function gateway() {
  return fakeGateway([
    { route: ListServicesRoute, reply: () => ({ status: 200, body: [] }) },
    { route: ListStaffRoute, reply: () => empty },
    { route: ListFailedEmailDeliveriesRoute, reply: () => empty },
    { route: ListPaymentProcessorsRoute, reply: () => empty },
    {
      route: GetSalesTaxRoute,
      reply: () => ({ status: 200, body: { mode: 'none', pricesIncludeTax: false, statewideBaseRates: {} } }),
    },
  ]);
}

describe('admin routes', () => {
  it.each([
    ['/admin/services', 'Services'],
    ['/admin/billing/setup', 'Billing Setup'],
    ['/admin/staff', 'Staff'],
    ['/admin/email-deliveries', 'Undelivered email'],
  ])('%s loads its page (lazily) for an Admin, titled %s', async (path, title) => {
    gateway();
    renderScreen(<p>home</p>, { path, pattern: '/', routes: adminRoutes });
    expect(await screen.findByRole('heading', { level: 2, name: title })).toBeInTheDocument();
    // The title is set by an effect after the page renders; the first lazy page can paint first.
    await waitFor(() => expect(document.title).toBe(`${title} · Arbor`));
  });

  it('shows an Admin screen to no one acting in another role, and asks nothing of the gateway', async () => {
    const requests = gateway().requests;
    renderScreen(<p>home</p>, {
      path: '/admin/staff',
      pattern: '/',
      routes: adminRoutes,
      claims: { role: 'provider', roles: ['provider'] },
    });
    expect(
      await screen.findByText(/This page is for Admin\. You are acting as Provider\./),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Staff' })).not.toBeInTheDocument();
    expect(document.title).toBe('This page is for Admin · Arbor');
    expect(requests).toHaveLength(0);
  });
});
