import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ForgiveInvoiceRoute,
  GetInvoiceRoute,
  RecordInvoicePaymentRoute,
  RefundInvoiceRoute,
  VoidInvoiceRoute,
  type InvoiceDetail,
} from '@arbor/contracts';
import { fakeGateway, PRACTICE_ID, problem } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { INVOICE_ID, invoiceDetail } from './fixtures.test-support';
import { StaffInvoicePage } from './StaffInvoicePage';

const ACTIONS = ['Refund', 'Forgive', 'Void', 'Record payment'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function renderInvoice(invoice: InvoiceDetail, more: Parameters<typeof fakeGateway>[0] = []) {
  const gateway = fakeGateway([
    { route: GetInvoiceRoute, reply: () => ({ status: 200, body: invoice }) },
    ...more,
  ]);
  const view = renderScreen(<StaffInvoicePage />, {
    path: `/admin/billing/invoices/${INVOICE_ID}`,
    pattern: '/admin/billing/invoices/:iid',
  });
  return { ...view, gateway };
}

const actionButtons = () =>
  screen
    .queryAllByRole('button')
    .map((button) => button.textContent)
    .filter((name) => ACTIONS.includes(name ?? ''));

describe('an invoice, for staff', () => {
  it('shows its number, lines in its currency and history, and offers an unpaid one Forgive, Void and Record payment', async () => {
    renderInvoice(invoiceDetail());
    expect(await screen.findByRole('heading', { level: 2, name: 'Invoice INV-000042' })).toBeInTheDocument();
    expect(screen.getByText('$125.00')).toBeInTheDocument();
    expect(screen.getByText('$11.09')).toBeInTheDocument();
    expect(screen.getByText('$136.09')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'History' })).getByText('Sent')).toBeInTheDocument();
    expect(actionButtons().sort()).toStrictEqual(['Forgive', 'Record payment', 'Void']);
  });

  it.each(['paid', 'partially_refunded'] as const)('offers a %s invoice Refund only', async (status) => {
    renderInvoice(invoiceDetail({ status, amountPaid: 13609, amountRefunded: status === 'paid' ? 0 : 1000 }));
    await screen.findByRole('heading', { level: 2, name: 'Invoice INV-000042' });
    expect(actionButtons()).toStrictEqual(['Refund']);
  });

  it.each(['refunded', 'forgiven', 'void'] as const)('offers a %s invoice nothing', async (status) => {
    renderInvoice(invoiceDetail({ status }));
    await screen.findByRole('heading', { level: 2, name: 'Invoice INV-000042' });
    expect(actionButtons()).toStrictEqual([]);
  });

  it('refunds part of a paid invoice, in minor units with a reason and an Idempotency-Key, after confirming', async () => {
    const paid = invoiceDetail({ status: 'paid', amountPaid: 13609 });
    const { user, gateway } = renderInvoice(paid, [
      {
        route: RefundInvoiceRoute,
        reply: () => ({ status: 200, body: { ...paid, status: 'partially_refunded', amountRefunded: 2000 } }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund invoice INV-000042' });
    await user.type(within(dialog).getByLabelText(/^amount in dollars/i), '20');
    await user.type(within(dialog).getByLabelText(/^reason/i), 'Session cut short');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = gateway.requests.find((request) => request.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/practices/${PRACTICE_ID}/invoices/${INVOICE_ID}/refund`);
    expect(post.body).toStrictEqual({ amount: 2000, reason: 'Session cut short' });
    expect(post.headers['idempotency-key']).toMatch(UUID);
  });

  it('refunds the rest when no amount is given', async () => {
    const paid = invoiceDetail({ status: 'paid', amountPaid: 13609 });
    const { user, gateway } = renderInvoice(paid, [
      { route: RefundInvoiceRoute, reply: () => ({ status: 200, body: { ...paid, status: 'refunded' } }) },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^reason/i), 'Cancelled');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));
    await waitFor(() => expect(gateway.requests.some((request) => request.method === 'POST')).toBe(true));
    expect(gateway.requests.find((request) => request.method === 'POST')!.body).toStrictEqual({
      reason: 'Cancelled',
    });
  });

  it('says why an invoice paid outside Arbor cannot be refunded by card', async () => {
    const { user } = renderInvoice(invoiceDetail({ status: 'paid', amountPaid: 13609 }), [
      {
        route: RefundInvoiceRoute,
        reply: () =>
          problem(409, 'conflict', 'paid outside Arbor', { field: 'method', currentStatus: 'paid' }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^reason/i), 'Cancelled');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm refund' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This invoice was paid outside Arbor, so there is no card payment to refund.',
    );
  });

  it('asks why before forgiving, and sends nothing without a reason', async () => {
    const { user, gateway } = renderInvoice(invoiceDetail(), [
      {
        route: ForgiveInvoiceRoute,
        reply: () => ({ status: 200, body: invoiceDetail({ status: 'forgiven' }) }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Forgive' }));
    const dialog = await screen.findByRole('dialog', { name: 'Forgive invoice INV-000042' });
    await user.click(within(dialog).getByRole('button', { name: 'Confirm forgive' }));
    expect(await within(dialog).findByText('Must not be empty')).toBeInTheDocument();
    expect(gateway.requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^reason/i), 'Hardship');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm forgive' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = gateway.requests.find((request) => request.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/practices/${PRACTICE_ID}/invoices/${INVOICE_ID}/forgive`);
    expect(post.body).toStrictEqual({ reason: 'Hardship' });
  });

  it('says plainly when the invoice is no longer unpaid (409 naming its status), keeping the reason typed', async () => {
    const { user } = renderInvoice(invoiceDetail(), [
      {
        route: VoidInvoiceRoute,
        reply: () => problem(409, 'conflict', 'invoice is paid', { currentStatus: 'paid' }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Void' }));
    const dialog = await screen.findByRole('dialog', { name: 'Void invoice INV-000042' });
    await user.type(within(dialog).getByLabelText(/^reason/i), 'Sent twice');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm void' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This invoice is paid now, so it cannot be voided.',
    );
    expect(within(dialog).getByLabelText(/^reason/i)).toHaveValue('Sent twice');
  });

  it('records an offline payment by check with its reference, with an Idempotency-Key', async () => {
    const { user, gateway } = renderInvoice(invoiceDetail(), [
      {
        route: RecordInvoicePaymentRoute,
        reply: () => ({ status: 200, body: invoiceDetail({ status: 'paid', amountPaid: 13609 }) }),
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Record payment' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^reference/i), '1042');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm payment' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = gateway.requests.find((request) => request.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/practices/${PRACTICE_ID}/invoices/${INVOICE_ID}/payments`);
    expect(post.body).toStrictEqual({ method: 'check', reference: '1042' });
    expect(post.headers['idempotency-key']).toMatch(UUID);
  });
});
