import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireRole';

/**
 * The admin screens, mounted inside the signed-in layout: for Admins only, each page loaded when
 * first visited.
 */
export const adminRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={['admin']} />,
    children: [
      {
        path: 'admin/services',
        lazy: async () => ({ Component: (await import('./services/ServicesPage')).ServicesPage }),
      },
      {
        path: 'admin/billing/setup',
        lazy: async () => ({ Component: (await import('./billing/BillingSetupPage')).BillingSetupPage }),
      },
      {
        path: 'admin/staff',
        lazy: async () => ({ Component: (await import('./staff/StaffPage')).StaffPage }),
      },
    ],
  },
];
