import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  ArchiveClientRoute,
  AssignClientProvidersRoute,
  GetClientRoute,
  ListNotesRoute,
  ListStaffRoute,
  UpdateClientRoute,
  type ClientView,
} from '@arbor/contracts';
import { fakeGateway, problem, USER_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { ClientProfilePage } from './ClientProfilePage';
import { CLIENT_ID, clientView, OTHER_PROVIDER_ID, page, STAFF } from './fixtures.test-support';

const ADMIN = { role: 'admin', roles: ['admin', 'provider'] } as const;
const PROVIDER = { role: 'provider', roles: ['provider'] } as const;

function renderProfile(claims: typeof ADMIN | typeof PROVIDER) {
  return renderScreen(<ClientProfilePage />, {
    path: `/clients/${CLIENT_ID}`,
    pattern: '/clients/:cid',
    claims: { role: claims.role, roles: [...claims.roles] },
  });
}

describe("A client's profile", () => {
  it("is titled with the client's name, with Info, Notes and Billing tabs the keyboard moves between", async () => {
    const gateway = fakeGateway([
      {
        route: GetClientRoute,
        reply: () => ({ status: 200, body: clientView({ phone: '+1 518 555 0100' }) }),
      },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      { route: ListNotesRoute, reply: () => page([]) },
    ]);
    const { user } = renderProfile(PROVIDER);
    expect(await screen.findByRole('heading', { level: 2, name: 'Robin Example' })).toBeInTheDocument();
    expect(document.title).toBe('Robin Example · Arbor');
    const tabs = within(screen.getByRole('tablist')).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Info', 'Notes', 'Billing']);
    expect(screen.getByText('+1 518 555 0100')).toBeInTheDocument();
    expect(await screen.findByText('You')).toBeInTheDocument();

    await user.click(tabs[0]!);
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText('No notes yet')).toBeInTheDocument();
    expect(gateway.requests.map((request) => request.operationId)).toContain('listNotes');
  });

  it('keeps the edited details and shows the problem beside its field when saving fails', async () => {
    const gateway = fakeGateway([
      { route: GetClientRoute, reply: () => ({ status: 200, body: clientView() }) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: UpdateClientRoute,
        reply: () =>
          problem(400, 'validation_failed', 'a date of birth cannot be in the future', {
            errors: [{ path: 'dateOfBirth', message: 'must not be in the future' }],
          }),
      },
    ]);
    const { user } = renderProfile(PROVIDER);
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    await user.type(screen.getByLabelText(/^phone/i), '518-555-0100');
    await user.type(screen.getByLabelText(/date of birth/i), '2099-01-01');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Must not be in the future')).toBeInTheDocument();
    expect(screen.getByLabelText(/date of birth/i)).toHaveAccessibleDescription('Must not be in the future');
    expect(screen.getByLabelText(/^phone/i)).toHaveValue('518-555-0100');
    // A PATCH of what changed only.
    expect(gateway.requests.find((request) => request.operationId === 'updateClient')!.body).toEqual({
      phone: '518-555-0100',
      dateOfBirth: '2099-01-01',
    });
  });

  it("lets an Admin choose the client's providers among the practice's providers", async () => {
    let client: ClientView = clientView();
    const gateway = fakeGateway([
      { route: GetClientRoute, reply: () => ({ status: 200, body: client }) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: AssignClientProvidersRoute,
        reply: ({ body }) => {
          client = { ...client, providerIds: (body as { providerIds: string[] }).providerIds };
          return { status: 200, body: client };
        },
      },
    ]);
    const { user } = renderProfile(ADMIN);
    await user.click(await screen.findByRole('button', { name: 'Change providers' }));
    const group = screen.getByRole('group', { name: /providers/i });
    expect(within(group).getByRole('checkbox', { name: 'Dana Demo' })).toBeChecked();
    await user.click(within(group).getByRole('checkbox', { name: 'Sam Provider' }));
    await user.click(screen.getByRole('button', { name: 'Save providers' }));
    const assigned = await screen.findByRole('list', { name: 'Assigned providers' });
    expect(
      within(assigned)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['You', 'Sam Provider']);
    expect(gateway.requests.find((request) => request.operationId === 'assignClientProviders')!.body).toEqual(
      {
        providerIds: [USER_ID, OTHER_PROVIDER_ID],
      },
    );
  });

  it('lets an Admin archive the client; a provider may neither archive nor change providers', async () => {
    const gateway = fakeGateway([
      { route: GetClientRoute, reply: () => ({ status: 200, body: clientView() }) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      { route: ArchiveClientRoute, reply: () => ({ status: 200, body: clientView({ status: 'archived' }) }) },
    ]);
    const admin = renderProfile(ADMIN);
    await admin.user.click(await screen.findByRole('button', { name: 'Archive client' }));
    expect(gateway.requests.map((request) => request.operationId)).toContain('archiveClient');
    admin.unmount();

    renderProfile(PROVIDER);
    expect(await screen.findByRole('heading', { level: 2, name: 'Robin Example' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Archive client' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Change providers' })).not.toBeInTheDocument();
  });
});
