import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CreateInvoiceRoute, ListClientInvoicesRoute } from '@arbor/contracts';
import { CLIENT_ID, clientView, page } from '../clients/fixtures.test-support';
import { fakeGateway, PRACTICE_ID, problem } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { ClientBillingTab } from './ClientBillingTab';
import { invoiceView } from './fixtures.test-support';

const PROVIDER = { role: 'provider', roles: ['provider'] } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function renderTab() {
  return renderScreen(<ClientBillingTab client={clientView()} />, {
    path: `/clients/${CLIENT_ID}?tab=billing`,
    pattern: '/clients/:cid',
    claims: { ...PROVIDER, roles: [...PROVIDER.roles] },
  });
}

describe('Create Invoice', () => {
  it.each([
    ['0', 'Must be more than zero'],
    ['0.00', 'Must be more than zero'],
    ['-5', 'Must be more than zero'],
    ['12.345', 'Enter dollars and at most two digits of cents, such as 125.50'],
    ['1000000', 'Must be at most $999,999.99'],
    ['', 'Enter the amount in dollars, such as 125.00'],
  ])('refuses the amount %j beside the field and sends nothing', async (typed, message) => {
    const gateway = fakeGateway([{ route: ListClientInvoicesRoute, reply: () => page([]) }]);
    const { user } = renderTab();
    await user.type(await screen.findByLabelText(/^description/i), 'Session');
    if (typed) await user.type(screen.getByLabelText(/^amount in dollars/i), typed);
    await user.click(screen.getByRole('button', { name: 'Send Invoice' }));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.getByLabelText(/^amount in dollars/i)).toHaveAttribute('aria-invalid', 'true');
    expect(gateway.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
  });

  it('sends exactly {description, amount} in minor units with an Idempotency-Key, and lists it', async () => {
    const sent = invoiceView({ subtotal: 12550, tax: 0, total: 12550 });
    let listed = false;
    const gateway = fakeGateway([
      { route: ListClientInvoicesRoute, reply: () => page(listed ? [sent] : []) },
      {
        route: CreateInvoiceRoute,
        reply: () => {
          listed = true;
          return { status: 201, body: sent };
        },
      },
    ]);
    const { user } = renderTab();
    await user.type(await screen.findByLabelText(/^description/i), '  Session, November 30 ');
    await user.type(screen.getByLabelText(/^amount in dollars/i), '125.50');
    await user.click(screen.getByRole('button', { name: 'Send Invoice' }));

    expect(await screen.findByText(/Sent INV-000042 for \$125\.50/)).toBeInTheDocument();
    const posts = gateway.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe(`/api/v1/practices/${PRACTICE_ID}/clients/${CLIENT_ID}/invoices`);
    expect(posts[0]!.body).toStrictEqual({ description: 'Session, November 30', amount: 12550 });
    expect(posts[0]!.headers['idempotency-key']).toMatch(UUID);
    expect(await screen.findByRole('link', { name: /\$125\.50, invoice INV-000042/ })).toHaveAttribute(
      'href',
      `/clients/${CLIENT_ID}/invoices/${sent.id}`,
    );
    expect(screen.getByLabelText(/^amount in dollars/i)).toHaveValue('');
  });

  it("shows the gateway's refusal beside its field, keeps what was typed, and retries with the same key", async () => {
    const gateway = fakeGateway([
      { route: ListClientInvoicesRoute, reply: () => page([]) },
      {
        route: CreateInvoiceRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid', {
            errors: [{ path: 'description', message: 'must not contain control characters' }],
          }),
      },
    ]);
    const { user } = renderTab();
    await user.type(await screen.findByLabelText(/^description/i), 'Session');
    await user.type(screen.getByLabelText(/^amount in dollars/i), '80');
    await user.click(screen.getByRole('button', { name: 'Send Invoice' }));

    expect(await screen.findByText('Must not contain control characters')).toBeInTheDocument();
    expect(screen.getByLabelText(/^description/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^description/i)).toHaveValue('Session');
    expect(screen.getByLabelText(/^amount in dollars/i)).toHaveValue('80');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send Invoice' }));
    await waitFor(() => expect(gateway.requests.filter((r) => r.method === 'POST')).toHaveLength(2));
    const [first, second] = gateway.requests.filter((request) => request.method === 'POST');
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
  });

  it('is not offered to an Admin, who sees the list only', async () => {
    fakeGateway([{ route: ListClientInvoicesRoute, reply: () => page([invoiceView()]) }]);
    renderScreen(<ClientBillingTab client={clientView()} />, { path: '/' });
    expect(await screen.findByRole('link', { name: /\$136\.09/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send Invoice' })).not.toBeInTheDocument();
  });
});
