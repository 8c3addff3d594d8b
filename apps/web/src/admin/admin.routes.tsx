import { Navigate, type RouteObject } from 'react-router';
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
        // Billing has two parts, Invoices and Setup, as tabs over the page.
        path: 'admin/billing',
        lazy: async () => ({ Component: (await import('../billing/BillingLayout')).BillingLayout }),
        children: [
          { index: true, element: <Navigate to="invoices" replace /> },
          {
            path: 'invoices',
            lazy: async () => ({
              Component: (await import('../billing/AdminInvoicesPage')).AdminInvoicesPage,
            }),
          },
          {
            path: 'setup',
            lazy: async () => ({ Component: (await import('./billing/BillingSetupPage')).BillingSetupPage }),
          },
        ],
      },
      {
        // One invoice stands on its own page, without the Billing tabs over it.
        path: 'admin/billing/invoices/:iid',
        lazy: async () => ({ Component: (await import('../billing/StaffInvoicePage')).StaffInvoicePage }),
      },
      {
        path: 'admin/staff',
        lazy: async () => ({ Component: (await import('./staff/StaffPage')).StaffPage }),
      },
      {
        path: 'admin/email-deliveries',
        lazy: async () => ({
          Component: (await import('./email-deliveries/EmailDeliveriesPage')).EmailDeliveriesPage,
        }),
      },
    ],
  },
];
