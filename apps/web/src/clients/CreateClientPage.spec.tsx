import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  CreateClientRoute,
  GetClientRoute,
  ListStaffRoute,
  SendClientInvitationRoute,
} from '@arbor/contracts';
import { fakeGateway, problem } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { ClientProfilePage } from './ClientProfilePage';
import { CreateClientPage } from './CreateClientPage';
import { CLIENT_ID, clientView, page, STAFF } from './fixtures.test-support';

const INVITE_URL = 'https://arbor.test/invitations/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

function renderAddClient() {
  return renderScreen(<CreateClientPage />, {
    path: '/clients/new',
    claims: { role: 'provider', roles: ['provider'] },
    routes: [{ path: '/clients/:cid', element: <ClientProfilePage /> }],
  });
}

async function fillRequired(user: ReturnType<typeof renderAddClient>['user']) {
  await user.type(screen.getByLabelText(/first name/i), 'Robin');
  await user.type(screen.getByLabelText(/last name/i), 'Example');
  await user.type(screen.getByLabelText(/^email/i), 'robin@example.test');
}

describe('Add Client', () => {
  it('says what is missing or wrong before asking the gateway', async () => {
    const gateway = fakeGateway([]);
    const { user } = renderAddClient();
    await user.type(screen.getByLabelText(/^email/i), 'not-an-email');
    await user.type(screen.getByLabelText(/^phone/i), 'call me');
    await user.type(screen.getByLabelText(/^city/i), 'Albany');
    await user.click(screen.getByRole('button', { name: 'Add Client' }));
    expect(await screen.findByText('Enter their first name.')).toBeInTheDocument();
    expect(screen.getByText('Enter their last name.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^email/i)).toHaveAccessibleDescription(/must be an email address/i);
    expect(screen.getByLabelText(/^phone/i)).toHaveAccessibleDescription(/must be a phone number/i);
    // An address begun needs its other lines.
    expect(screen.getByLabelText(/address line 1/i)).toBeInvalid();
    expect(gateway.requests).toHaveLength(0);
  });

  it("puts the gateway's answer beside the field it names and keeps everything typed", async () => {
    const gateway = fakeGateway([
      {
        route: CreateClientRoute,
        reply: () =>
          problem(409, 'conflict', 'another client of this practice has this email', { field: 'email' }),
      },
    ]);
    const { user } = renderAddClient();
    await fillRequired(user);
    await user.type(screen.getByLabelText(/^phone/i), '+1 518 555 0100');
    await user.click(screen.getByRole('button', { name: 'Add Client' }));
    expect(await screen.findByText('Another client of this practice has this email')).toBeInTheDocument();
    expect(screen.getByLabelText(/^email/i)).toHaveAccessibleDescription(
      /another client of this practice has this email/i,
    );
    expect(screen.getByLabelText(/first name/i)).toHaveValue('Robin');
    expect(screen.getByLabelText(/last name/i)).toHaveValue('Example');
    expect(screen.getByLabelText(/^email/i)).toHaveValue('robin@example.test');
    expect(screen.getByLabelText(/^phone/i)).toHaveValue('+1 518 555 0100');
    expect(gateway.requests).toHaveLength(1);
  });

  it('sends only what was filled in, then shows the portal invitation link on the new profile', async () => {
    const gateway = fakeGateway([
      {
        route: CreateClientRoute,
        reply: () => ({ status: 201, body: { ...clientView(), portalInviteUrl: INVITE_URL } }),
      },
      { route: GetClientRoute, reply: () => ({ status: 200, body: clientView() }) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
    ]);
    const { user, router } = renderAddClient();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add Client' }));

    const panel = await screen.findByRole('region', { name: 'Portal invitation' });
    expect(router.state.location.pathname).toBe(`/clients/${CLIENT_ID}`);
    expect(within(panel).getByText(INVITE_URL)).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(panel).toHaveTextContent(/Arbor does not email this invitation yet, so send the link to Robin/);
    expect(gateway.requests[0]!.body).toEqual({
      firstName: 'Robin',
      lastName: 'Example',
      email: 'robin@example.test',
    });
  });

  it('explains a missing invitation and sends it on request', async () => {
    const gateway = fakeGateway([
      {
        route: CreateClientRoute,
        reply: () => ({ status: 201, body: { ...clientView({ invitedAt: null }), portalInviteUrl: null } }),
      },
      { route: GetClientRoute, reply: () => ({ status: 200, body: clientView({ invitedAt: null }) }) },
      { route: ListStaffRoute, reply: () => page(STAFF) },
      {
        route: SendClientInvitationRoute,
        reply: () => ({
          status: 200,
          body: { clientId: CLIENT_ID, portalInviteUrl: INVITE_URL, invitedAt: '2026-12-01T12:00:00Z' },
        }),
      },
    ]);
    const { user } = renderAddClient();
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Add Client' }));

    const panel = await screen.findByRole('region', { name: 'Portal invitation' });
    expect(panel).toHaveTextContent(/could not prepare their portal invitation/);
    expect(within(panel).queryByText(/\/invitations\//)).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Send invitation' }));
    expect(await screen.findByText(INVITE_URL)).toBeInTheDocument();
    expect(gateway.requests.map((request) => request.operationId)).toContain('sendClientInvitation');
  });
});
