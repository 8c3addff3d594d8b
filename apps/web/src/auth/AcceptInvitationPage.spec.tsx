import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AcceptInvitationRoute } from '@arbor/contracts';
import { fakeGateway, PRACTICE_ID, problem, USER_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { AcceptInvitationPage } from './AcceptInvitationPage';

const TOKEN = 'a'.repeat(43);

function renderInvitation(token = TOKEN) {
  return renderScreen(<AcceptInvitationPage />, {
    path: `/invitations/${token}`,
    pattern: '/invitations/:token',
    claims: 'signed-out',
    routes: [{ path: '/sign-in', element: <p>sign-in page</p> }],
  });
}

describe('AcceptInvitationPage', () => {
  it('sets the password, then sends the person to sign in', async () => {
    const gateway = fakeGateway([
      {
        route: AcceptInvitationRoute,
        reply: () => ({ status: 200, body: { userId: USER_ID, practiceId: PRACTICE_ID } }),
      },
    ]);
    const { user, router } = renderInvitation();
    await user.type(screen.getByLabelText(/^password/i), 'a long enough passphrase');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?invited=1');
    expect(gateway.requests).toEqual([
      expect.objectContaining({
        path: `/api/v1/invitations/${TOKEN}/accept`,
        body: { password: 'a long enough passphrase' },
      }),
    ]);
  });

  it("shows the password policy's refusal beside the field, keeping what was typed", async () => {
    fakeGateway([
      {
        route: AcceptInvitationRoute,
        reply: () =>
          problem(400, 'validation_failed', 'invalid request body', {
            errors: [{ path: 'password', message: 'is too common: choose another' }],
          }),
      },
    ]);
    const { user } = renderInvitation();
    await user.type(screen.getByLabelText(/^password/i), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('Is too common: choose another')).toBeInTheDocument();
    expect(screen.getByLabelText(/^password/i)).toHaveValue('password1234');
  });

  it('says plainly that a used or expired invitation needs a new one', async () => {
    fakeGateway([
      { route: AcceptInvitationRoute, reply: () => problem(404, 'not_found', 'invitation not found') },
    ]);
    const { user } = renderInvitation();
    await user.type(screen.getByLabelText(/^password/i), 'a long enough passphrase');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/expired or has already been used/);
  });

  it('does not offer the form for a link that was cut short', () => {
    fakeGateway([]);
    renderInvitation('abc');
    expect(screen.getByRole('alert')).toHaveTextContent(/not complete/);
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });
});
