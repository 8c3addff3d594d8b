import { createBrowserRouter, Navigate } from 'react-router';
import { AcceptInvitationPage } from '../auth/AcceptInvitationPage';
import { RequireSession } from '../auth/RequireSession';
import { SignInPage } from '../auth/SignInPage';
import { homeOf } from '../layout/navigation';
import { useActor } from '../session/session-context';
import { adminRoutes } from '../admin/admin.routes';
import { clientsRoutes } from '../clients/clients.routes';
import { portalRoutes } from '../portal/portal.routes';
import { Loading } from '../layout/page-states';
import { NotFoundPage } from './NotFoundPage';

function Home() {
  return <Navigate to={homeOf(useActor().role)} replace />;
}

/**
 * Every screen of the app; each area (admin, clients, portal) declares its own. Only the sign-in
 * and invitation pages load with the app: the rest arrive when first visited (`lazy`), so a
 * phone on a slow network shows the sign-in form sooner.
 */
export function createAppRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/invitations/:token', element: <AcceptInvitationPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          lazy: async () => ({ Component: (await import('../layout/AppLayout')).AppLayout }),
          hydrateFallbackElement: <Loading what="Arbor" />,
          children: [
            { index: true, element: <Home /> },
            {
              path: 'account/mfa',
              lazy: async () => ({
                Component: (await import('../account/MfaEnrolmentPage')).MfaEnrolmentPage,
              }),
            },
            ...adminRoutes,
            ...clientsRoutes,
            ...portalRoutes,
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
