import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LoginRoute } from '@arbor/contracts';
import { accessTokenFor, fakeGateway, problem, PRACTICE_ID, USER_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { SignInPage } from './SignInPage';

const signedIn = (role: 'admin' | 'provider' | 'client') => ({
  status: 200,
  body: {
    accessToken: accessTokenFor({ role, roles: [role] }),
    expiresIn: 900,
    user: { id: USER_ID, name: 'Dana Demo', email: 'dana@example.test' },
    memberships: [{ practiceId: PRACTICE_ID, practiceName: 'Demo', roles: [role], activeRole: role }],
  },
});

describe('SignInPage', () => {
  it('refuses an email that is not one before asking the gateway', async () => {
    const gateway = fakeGateway([{ route: LoginRoute, reply: () => signedIn('admin') }]);
    const { user } = renderScreen(<SignInPage />, { path: '/sign-in', claims: 'signed-out' });
    await user.type(screen.getByLabelText(/email/i), 'not-an-email');
    await user.type(screen.getByLabelText(/^password/i), 'whatever');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/must be an email address/i)).toBeInTheDocument();
    expect(gateway.requests).toHaveLength(0);
  });

  it('asks for the authenticator code when the password was right, then sends it', async () => {
    const gateway = fakeGateway([
      {
        route: LoginRoute,
        reply: ({ body }) =>
          (body as { totp?: string }).totp === '123456'
            ? signedIn('provider')
            : problem(401, 'unauthenticated', 'a code is required', { mfa: 'required' }),
      },
    ]);
    const { user, router } = renderScreen(<SignInPage />, {
      path: '/sign-in?next=%2Fclients%2Fabc',
      pattern: '/sign-in',
      claims: 'signed-out',
      routes: [{ path: '/clients/abc', element: <p>client page</p> }],
    });
    await user.type(screen.getByLabelText(/email/i), 'dana@example.test');
    await user.type(screen.getByLabelText(/^password/i), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText(/authentication code/i), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('client page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/clients/abc');
    expect(gateway.requests.map((request) => request.body)).toEqual([
      { email: 'dana@example.test', password: 'correct horse battery' },
      { email: 'dana@example.test', password: 'correct horse battery', totp: '123456' },
    ]);
  });

  it('says a wrong password plainly and keeps what was typed', async () => {
    fakeGateway([
      { route: LoginRoute, reply: () => problem(401, 'unauthenticated', 'email or password is wrong') },
    ]);
    const { user } = renderScreen(<SignInPage />, { path: '/sign-in', claims: 'signed-out' });
    await user.type(screen.getByLabelText(/email/i), 'dana@example.test');
    await user.type(screen.getByLabelText(/^password/i), 'wrong password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is wrong');
    expect(screen.getByLabelText(/email/i)).toHaveValue('dana@example.test');
  });
});
