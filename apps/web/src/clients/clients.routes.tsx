import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireRole';

/** The clients screens, mounted inside the signed-in layout: staff only. */
export const clientsRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={['admin', 'provider']} />,
    children: [
      {
        path: 'clients',
        lazy: async () => ({ Component: (await import('./ClientsPage')).ClientsPage }),
      },
      {
        path: 'clients/new',
        lazy: async () => ({ Component: (await import('./CreateClientPage')).CreateClientPage }),
      },
      {
        path: 'clients/:cid',
        lazy: async () => ({ Component: (await import('./ClientProfilePage')).ClientProfilePage }),
      },
      {
        path: 'clients/:cid/invoices/:iid',
        lazy: async () => ({ Component: (await import('../billing/StaffInvoicePage')).StaffInvoicePage }),
      },
    ],
  },
];
