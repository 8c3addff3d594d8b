import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  GetClientRoute,
  GetInvoiceRoute,
  GetSalesTaxRoute,
  ListClientInvoicesRoute,
  ListInvoicesRoute,
  ListPaymentProcessorsRoute,
  ListPortalInvoicesRoute,
} from '@arbor/contracts';
import { adminRoutes } from '../admin/admin.routes';
import { clientsRoutes } from '../clients/clients.routes';
import { CLIENT_ID, clientView, page } from '../clients/fixtures.test-support';
import { portalRoutes } from '../portal/portal.routes';
import { fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { INVOICE_ID, invoiceDetail } from './fixtures.test-support';

function gateway() {
  return fakeGateway([
    { route: ListInvoicesRoute, reply: () => page([]) },
    { route: ListClientInvoicesRoute, reply: () => page([]) },
    { route: ListPortalInvoicesRoute, reply: () => page([]) },
    { route: GetInvoiceRoute, reply: () => ({ status: 200, body: invoiceDetail() }) },
    { route: GetClientRoute, reply: () => ({ status: 200, body: clientView() }) },
    { route: ListPaymentProcessorsRoute, reply: () => page([]) },
    {
      route: GetSalesTaxRoute,
      reply: () => ({ status: 200, body: { mode: 'none', pricesIncludeTax: false, statewideBaseRates: {} } }),
    },
  ]);
}

describe('billing routes', () => {
  it.each([
    ['/admin/billing', 'Invoices'],
    ['/admin/billing/invoices', 'Invoices'],
    ['/admin/billing/setup', 'Billing Setup'],
    [`/admin/billing/invoices/${INVOICE_ID}`, 'Invoice INV-000042'],
  ])('%s shows %s to an Admin', async (path, title) => {
    gateway();
    renderScreen(<p>home</p>, { path, pattern: '/', routes: adminRoutes });
    expect(await screen.findByRole('heading', { level: 2, name: title })).toBeInTheDocument();
  });

  it('puts Invoices and Setup as tabs over Admin → Billing', async () => {
    gateway();
    const { user, router } = renderScreen(<p>home</p>, {
      path: '/admin/billing/invoices',
      pattern: '/',
      routes: adminRoutes,
    });
    await user.click(await screen.findByRole('tab', { name: 'Setup' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Billing Setup' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/admin/billing/setup');
  });

  it("opens an invoice from a client's profile, with the way back to the client's billing", async () => {
    gateway();
    renderScreen(<p>home</p>, {
      path: `/clients/${CLIENT_ID}/invoices/${INVOICE_ID}`,
      pattern: '/',
      routes: clientsRoutes,
      claims: { role: 'provider', roles: ['provider'] },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Invoice INV-000042' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /back to the client’s billing/i })).toHaveAttribute(
      'href',
      `/clients/${CLIENT_ID}?tab=billing`,
    );
  });

  it("has a Billing tab on a client's profile", async () => {
    gateway();
    renderScreen(<p>home</p>, {
      path: `/clients/${CLIENT_ID}?tab=billing`,
      pattern: '/',
      routes: clientsRoutes,
      claims: { role: 'provider', roles: ['provider'] },
    });
    expect(await screen.findByRole('tab', { name: 'Billing', selected: true })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Send Invoice' })).toBeInTheDocument();
  });

  it('gives a client My invoices in the portal', async () => {
    gateway();
    renderScreen(<p>home</p>, {
      path: '/portal/invoices',
      pattern: '/',
      routes: portalRoutes,
      claims: { role: 'client', roles: ['client'] },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'My invoices' })).toBeInTheDocument();
  });
});
