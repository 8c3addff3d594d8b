import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListClientsRoute } from '@arbor/contracts';
import { fakeGateway, PRACTICE_ID } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { ClientsPage } from './ClientsPage';
import { clientView, page } from './fixtures.test-support';

const SECOND_ID = '01937a1e-0000-7000-8000-0000000000c2';
const THIRD_ID = '01937a1e-0000-7000-8000-0000000000c3';
const CURSOR =
  'eyJ2IjoxLCJsIjoiY2xpZW50LXJlY29yZHMuY2xpZW50cyIsImsiOnsiaWQiOiIwMTkzN2ExZS0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDAwYzIifX0';

const queryOf = (path: string) => Object.fromEntries(new URL(path, 'http://arbor.test').searchParams);

describe('Clients', () => {
  it('lists clients as links to their profiles, a page at a time', async () => {
    const gateway = fakeGateway([
      {
        route: ListClientsRoute,
        reply: ({ path }) =>
          queryOf(path)['cursor'] === CURSOR
            ? page([clientView({ id: THIRD_ID, firstName: 'Casey', lastName: 'Third' })])
            : page(
                [clientView(), clientView({ id: SECOND_ID, firstName: 'Alex', lastName: 'Second' })],
                CURSOR,
              ),
      },
    ]);
    const { user } = renderScreen(<ClientsPage />, { path: '/clients' });
    expect(screen.getByRole('heading', { level: 2, name: 'Clients' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Robin Example' })).toHaveAttribute(
      'href',
      '/clients/01937a1e-0000-7000-8000-0000000000c1',
    );
    expect(screen.getByRole('link', { name: 'Alex Second' })).toHaveAttribute(
      'href',
      `/clients/${SECOND_ID}`,
    );
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Casey Third' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Robin Example' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(gateway.requests.map((request) => queryOf(request.path))).toEqual([
      { status: 'active' },
      { status: 'active', cursor: CURSOR },
    ]);
    expect(gateway.requests[0]!.path).toMatch(new RegExp(`^/api/v1/practices/${PRACTICE_ID}/clients`));
  });

  it('searches by name once typing pauses, and not for a single letter', async () => {
    const gateway = fakeGateway([
      {
        route: ListClientsRoute,
        reply: ({ path }) =>
          queryOf(path)['q'] === 'rob'
            ? page([clientView()])
            : page([clientView(), clientView({ id: SECOND_ID, firstName: 'Alex', lastName: 'Second' })]),
      },
    ]);
    const { user } = renderScreen(<ClientsPage />, { path: '/clients' });
    await screen.findByRole('link', { name: 'Alex Second' });
    await user.type(screen.getByRole('searchbox', { name: /search clients/i }), 'r');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(gateway.requests).toHaveLength(1);
    await user.type(screen.getByRole('searchbox', { name: /search clients/i }), 'ob');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Alex Second' })).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: 'Robin Example' })).toBeInTheDocument();
    // One request for the whole word, none per keystroke.
    expect(gateway.requests.map((request) => queryOf(request.path)['q'])).toEqual([undefined, 'rob']);
  });

  it('says when there is no client yet, and offers Add Client', async () => {
    fakeGateway([{ route: ListClientsRoute, reply: () => page([]) }]);
    const { user, router } = renderScreen(<ClientsPage />, {
      path: '/clients',
      routes: [{ path: '/clients/new', element: <p>the form</p> }],
    });
    expect(await screen.findByText('No clients yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add Client' }));
    expect(router.state.location.pathname).toBe('/clients/new');
  });
});
