import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireRole';

/** The client portal, mounted inside the signed-in layout: clients only. */
export const portalRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={['client']} />,
    children: [
      {
        path: 'portal',
        lazy: async () => ({ Component: (await import('./PortalHomePage')).PortalHomePage }),
      },
      {
        path: 'portal/invoices',
        lazy: async () => ({ Component: (await import('../billing/PortalInvoicesPage')).PortalInvoicesPage }),
      },
      {
        path: 'portal/invoices/:iid',
        lazy: async () => ({ Component: (await import('../billing/PortalInvoicePage')).PortalInvoicePage }),
      },
    ],
  },
];
