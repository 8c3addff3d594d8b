import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GetMeRoute, RefreshSessionRoute } from '@arbor/contracts';
import { fakeGateway, problem } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { RequireSession } from './RequireSession';

describe('RequireSession', () => {
  it('sends someone whose session ended to sign in, remembering where they were going', async () => {
    fakeGateway([
      { route: GetMeRoute, reply: () => problem(401, 'unauthenticated', 'token expired') },
      { route: RefreshSessionRoute, reply: () => problem(401, 'unauthenticated', 'session ended') },
    ]);
    const { store, router } = renderScreen(<RequireSession />, {
      path: '/clients/0193?tab=notes',
      pattern: '/clients/:cid',
      routes: [{ path: '/sign-in', element: <p>sign-in page</p> }],
    });
    await store.call(GetMeRoute, {}).catch(() => undefined);
    expect(await screen.findByText('sign-in page')).toBeInTheDocument();
    const search = new URLSearchParams(router.state.location.search);
    expect(search.get('next')).toBe('/clients/0193?tab=notes');
    expect(search.get('expired')).toBe('1');
  });

  it('sends staff who must enrol in MFA to enrolment first', async () => {
    fakeGateway([]);
    renderScreen(<RequireSession />, {
      path: '/admin/services',
      pattern: '/admin/services',
      claims: { mfa_pending: true },
      routes: [{ path: '/account/mfa', element: <p>enrol page</p> }],
    });
    expect(await screen.findByText('enrol page')).toBeInTheDocument();
  });
});
