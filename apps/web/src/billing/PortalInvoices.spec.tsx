import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GetPortalInvoiceRoute, ListPortalInvoicesRoute } from '@arbor/contracts';
import { page } from '../clients/fixtures.test-support';
import { fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { INVOICE_ID, invoiceDetail, invoiceView } from './fixtures.test-support';
import { PortalInvoicePage } from './PortalInvoicePage';
import { PortalInvoicesPage } from './PortalInvoicesPage';

const CLIENT = { role: 'client', roles: ['client'] } as const;

describe('My invoices', () => {
  it('lists the client’s invoices, each amount opening its invoice', async () => {
    fakeGateway([{ route: ListPortalInvoicesRoute, reply: () => page([invoiceView()]) }]);
    renderScreen(<PortalInvoicesPage />, {
      path: '/portal/invoices',
      claims: { ...CLIENT, roles: ['client'] },
    });
    expect(await screen.findByRole('link', { name: /\$136\.09, invoice INV-000042/ })).toHaveAttribute(
      'href',
      `/portal/invoices/${INVOICE_ID}`,
    );
    expect(screen.getByRole('heading', { level: 2, name: 'My invoices' })).toBeInTheDocument();
  });

  it('shows an unpaid invoice with Pay and its amount, and no card fields until the client asks to pay', async () => {
    fakeGateway([{ route: GetPortalInvoiceRoute, reply: () => ({ status: 200, body: invoiceDetail() }) }]);
    renderScreen(<PortalInvoicePage />, {
      path: `/portal/invoices/${INVOICE_ID}`,
      pattern: '/portal/invoices/:iid',
      claims: { ...CLIENT, roles: ['client'] },
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Invoice INV-000042' })).toBeInTheDocument();
    expect(screen.getByText('$136.09')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Pay $136.09' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('says nothing about paying for a paid invoice', async () => {
    fakeGateway([
      {
        route: GetPortalInvoiceRoute,
        reply: () => ({ status: 200, body: invoiceDetail({ status: 'paid', amountPaid: 13609 }) }),
      },
    ]);
    renderScreen(<PortalInvoicePage />, {
      path: `/portal/invoices/${INVOICE_ID}`,
      pattern: '/portal/invoices/:iid',
      claims: { ...CLIENT, roles: ['client'] },
    });
    expect(await screen.findByText('Paid', { selector: 'span' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /pay/i })).not.toBeInTheDocument();
  });
});
