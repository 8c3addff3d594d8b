import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListClientsRoute, ListInvoicesRoute } from '@arbor/contracts';
import { CLIENT_ID, clientView, page } from '../clients/fixtures.test-support';
import { fakeGateway, PRACTICE_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { AdminInvoicesPage } from './AdminInvoicesPage';
import { INVOICE_ID, invoiceView } from './fixtures.test-support';

const LIST_PATH = `/api/v1/practices/${PRACTICE_ID}/invoices`;

function queryOf(path: string): Record<string, string> {
  return Object.fromEntries(new URL(path, 'http://arbor.test').searchParams);
}

describe('Admin → Billing → Invoices', () => {
  it('lists every invoice with date, amount and status, the amount opening it, and loads more', async () => {
    const second = invoiceView({
      id: '01937a1e-0000-7000-8000-0000000000e2',
      number: 'INV-000041',
      status: 'paid',
    });
    const gateway = fakeGateway([
      {
        route: ListInvoicesRoute,
        reply: (request) =>
          queryOf(request.path)['cursor'] === 'next' ? page([second]) : page([invoiceView()], 'next'),
      },
    ]);
    const { user } = renderScreen(<AdminInvoicesPage />, { path: '/admin/billing/invoices' });
    const amount = await screen.findByRole('link', { name: /\$136\.09, invoice INV-000042/ });
    expect(amount).toHaveAttribute('href', `/admin/billing/invoices/${INVOICE_ID}`);
    const list = screen.getByRole('list', { name: 'Invoices' });
    expect(within(list).getByText('Unpaid')).toBeInTheDocument();
    expect(within(list).getByText(/INV-000042/, { selector: 'p' })).toHaveTextContent(/2026/);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(list).findByText('Paid')).toBeInTheDocument();
    expect(gateway.requests.map((request) => request.path)).toStrictEqual([
      LIST_PATH,
      `${LIST_PATH}?cursor=next`,
    ]);
  });

  it('sends the status, client and issue-date filters as the query', async () => {
    const gateway = fakeGateway([
      { route: ListInvoicesRoute, reply: () => page([invoiceView()]) },
      { route: ListClientsRoute, reply: () => page([clientView()]) },
    ]);
    const { user } = renderScreen(<AdminInvoicesPage />, { path: '/admin/billing/invoices' });
    await screen.findByRole('link', { name: /\$136\.09/ });

    await user.click(screen.getByLabelText('Status', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Partially refunded', hidden: true }));
    await user.type(screen.getByLabelText('Client', { selector: 'input' }), 'Rob');
    await user.click(await screen.findByRole('option', { name: 'Robin Example', hidden: true }));
    fireEvent.change(screen.getByLabelText('Issued from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('Issued to'), { target: { value: '2026-11-30' } });

    await waitFor(() =>
      expect(
        queryOf(gateway.requests.filter((r) => r.operationId === 'listInvoices').at(-1)!.path),
      ).toStrictEqual({
        status: 'partially_refunded',
        clientId: CLIENT_ID,
        from: new Date(2026, 10, 1).toISOString(),
        // The last day is included: the range ends as the next day begins.
        to: new Date(2026, 11, 1).toISOString(),
      }),
    );
    const search = gateway.requests.find((request) => request.operationId === 'listClients')!;
    expect(queryOf(search.path)['q']).toBe('Rob');
  });

  it('asks nothing with a backwards date range, and says why beside it', async () => {
    const gateway = fakeGateway([{ route: ListInvoicesRoute, reply: () => page([]) }]);
    renderScreen(<AdminInvoicesPage />, { path: '/admin/billing/invoices' });
    expect(await screen.findByText('No invoices yet')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Issued from'), { target: { value: '2026-11-30' } });
    fireEvent.change(screen.getByLabelText('Issued to'), { target: { value: '2026-11-01' } });
    expect(await screen.findByText('Must be on or after the first day')).toBeInTheDocument();
    // "From" alone is a filter of its own; the backwards pair is never sent.
    expect(gateway.requests.some((request) => queryOf(request.path)['to'])).toBe(false);
  });
});
