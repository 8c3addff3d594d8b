import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../layout/page-states';
import { useSession } from '../session/session-context';

/**
 * Signed-in screens only. Anyone else goes to sign in and comes back to where they were going;
 * staff whose practice requires MFA enrol before anything else.
 */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'restoring') return <Loading what="your session" />;
  if (session.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const search = new URLSearchParams({ next });
    if (session.reason === 'expired') search.set('expired', '1');
    return <Navigate to={`/sign-in?${search.toString()}`} replace />;
  }
  if (session.claims.mfa_pending && location.pathname !== '/account/mfa') {
    return <Navigate to="/account/mfa" replace />;
  }
  return <Outlet />;
}
