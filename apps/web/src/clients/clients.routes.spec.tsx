import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ListClientsRoute, ListPortalNotesRoute, GetMeRoute } from '@arbor/contracts';
import { portalRoutes } from '../portal/portal.routes';
import { fakeGateway } from '../test/fake-gateway';
import { renderScreen } from '../test/render';
import { clientsRoutes } from './clients.routes';
import { clientView, page } from './fixtures.test-support';

const routes = [...clientsRoutes, ...portalRoutes];

describe('The clients and portal screens', () => {
  it('open the Clients tab for staff, loaded when first visited', async () => {
    fakeGateway([{ route: ListClientsRoute, reply: () => page([clientView()]) }]);
    renderScreen(<p>elsewhere</p>, {
      path: '/clients',
      pattern: '/elsewhere',
      claims: { role: 'provider', roles: ['provider'] },
      routes,
    });
    expect(await screen.findByRole('heading', { level: 2, name: 'Clients' })).toBeInTheDocument();
    expect(document.title).toBe('Clients · Arbor');
    expect(await screen.findByRole('link', { name: 'Robin Example' })).toBeInTheDocument();
  });

  it('keep a client out of the Clients tab, and staff out of the portal', async () => {
    const gateway = fakeGateway([
      { route: GetMeRoute, reply: () => ({ status: 500 }) },
      { route: ListPortalNotesRoute, reply: () => page([]) },
    ]);
    const client = renderScreen(<p>elsewhere</p>, {
      path: '/clients',
      pattern: '/elsewhere',
      claims: { role: 'client', roles: ['client'] },
      routes,
    });
    expect(await screen.findByText(/This page is for Admin or Provider/)).toBeInTheDocument();
    client.unmount();

    renderScreen(<p>elsewhere</p>, {
      path: '/portal',
      pattern: '/elsewhere',
      claims: { role: 'admin', roles: ['admin', 'provider'] },
      routes,
    });
    expect(await screen.findByText(/This page is for Client/)).toBeInTheDocument();
    expect(gateway.requests).toHaveLength(0);
  });
});
