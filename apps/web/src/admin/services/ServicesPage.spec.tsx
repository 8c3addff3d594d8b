import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListServicesRoute, ListStaffRoute, UpdateServiceRoute } from '@arbor/contracts';
import { fakeGateway, problem, PRACTICE_ID } from '../../test/fake-gateway';
import { renderScreen } from '../../test/render';
import { ServicesPage } from './ServicesPage';

const ADA = '01937a1e-0000-7000-8000-00000000000a';
const BEN = '01937a1e-0000-7000-8000-00000000000b';
const CAL = '01937a1e-0000-7000-8000-00000000000c';

const staffPage = {
  status: 200,
  body: {
    items: [
      { userId: ADA, name: 'Ada Lovelace', email: 'ada@example.test', roles: ['admin', 'provider'] },
      { userId: BEN, name: 'Ben Admin', email: 'ben@example.test', roles: ['admin'] },
      { userId: CAL, name: 'Cal Provider', email: 'cal@example.test', roles: ['provider'] },
    ],
    nextCursor: null,
  },
};

const billing = { key: 'client_billing', name: 'Client Billing', enabled: false, providerIds: [ADA] };
const video = { key: 'telehealth_video', name: 'Telehealth Video', enabled: true, providerIds: [] };

function gateway(update: Parameters<typeof fakeGateway>[0][number]['reply']) {
  let services = [billing, video];
  return fakeGateway([
    { route: ListServicesRoute, reply: () => ({ status: 200, body: services }) },
    { route: ListStaffRoute, reply: () => staffPage },
    {
      route: UpdateServiceRoute,
      reply: async (request) => {
        const answer = await update(request);
        if (answer.status === 200) {
          services = services.map((service) =>
            service.key === (answer.body as typeof billing).key ? (answer.body as typeof billing) : service,
          );
        }
        return answer;
      },
    },
  ]);
}

async function openEditor(serviceName: string) {
  const view = renderScreen(<ServicesPage />);
  const card = await screen.findByRole('region', { name: serviceName });
  await within(card).findByText(/Ada Lovelace/);
  await view.user.click(within(card).getByRole('button', { name: 'Edit Service' }));
  const dialog = await screen.findByRole('dialog');
  return { ...view, dialog };
}

describe('ServicesPage', () => {
  it('lists each service, whether it is enabled, and its providers by name', async () => {
    gateway(() => ({ status: 500 }));
    renderScreen(<ServicesPage />);
    const card = await screen.findByRole('region', { name: 'Client Billing' });
    expect(within(card).getByText('Not enabled')).toBeInTheDocument();
    expect(await within(card).findByText(/Ada Lovelace/)).toBeInTheDocument();
    const other = screen.getByRole('region', { name: 'Telehealth Video' });
    expect(within(other).getByText('Enabled')).toBeInTheDocument();
    expect(within(other).getByText(/none assigned/)).toBeInTheDocument();
  });

  it('offers only colleagues with the provider role, and sends {enabled, providerIds} as checked', async () => {
    const service = gateway(({ body }) => ({ status: 200, body: { ...billing, ...(body as object) } }));
    const { user, dialog } = await openEditor('Client Billing');
    expect(within(dialog).queryByLabelText('Ben Admin')).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText('Ada Lovelace')).toBeChecked();
    await user.click(within(dialog).getByLabelText('Ada Lovelace'));
    await user.click(within(dialog).getByLabelText('Cal Provider'));
    const enable = within(dialog).getByRole('switch', { name: 'Enable Service' });
    expect(enable).not.toBeChecked();
    await user.click(enable);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    const card = screen.getByRole('region', { name: 'Client Billing' });
    expect(await within(card).findByText('Cal Provider')).toBeInTheDocument();
    expect(within(card).getByText('Enabled')).toBeInTheDocument();
    const updates = service.requests.filter((request) => request.operationId === 'updateService');
    expect(updates).toEqual([
      expect.objectContaining({
        path: `/api/v1/practices/${PRACTICE_ID}/services/client_billing`,
        body: { enabled: true, providerIds: [CAL] },
      }),
    ]);
    // The list is read again after the change, so it shows what was saved.
    expect(service.requests.filter((request) => request.operationId === 'listServices')).toHaveLength(2);
  });

  it('says a conflict plainly beside Save and keeps the choices made', async () => {
    gateway(() => problem(409, 'conflict', 'client billing needs an active payment processor first'));
    const { user, dialog } = await openEditor('Client Billing');
    await user.click(within(dialog).getByRole('switch', { name: 'Enable Service' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Client billing needs an active payment processor first',
    );
    expect(within(dialog).getByRole('switch', { name: 'Enable Service' })).toBeChecked();
  });

  it('puts a refused provider beside the providers, not only above Save', async () => {
    gateway(() =>
      problem(400, 'validation_failed', 'only providers of the practice can be assigned', {
        errors: [{ path: 'providerIds[1]', message: 'is not a provider of this practice' }],
      }),
    );
    const { user, dialog } = await openEditor('Client Billing');
    await user.click(within(dialog).getByLabelText('Cal Provider'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Is not a provider of this practice')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Cal Provider')).toBeChecked();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
