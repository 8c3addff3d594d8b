import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ArborError, type Actor, type Role, type SessionActor } from '@arbor/contracts';
import type { AuthenticatedRequest } from './auth.guard';

export const PUBLIC_ROUTE = 'arbor:public';
export const ROUTE_ROLES = 'arbor:roles';
export const ALLOW_MFA_PENDING = 'arbor:allow-mfa-pending';

/** Anyone may call it: no access token needed. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The active roles that may call it; every other signed-in caller gets 403. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROUTE_ROLES, roles);

/** Reachable by staff who must still enrol in MFA (enrolment itself, /me). */
export const AllowMfaPending = () => SetMetadata(ALLOW_MFA_PENDING, true);

function authOf(context: ExecutionContext) {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (!auth) throw new ArborError('unauthenticated', 'sign in first');
  return auth;
}

/** The caller: user, practice and active role, from the verified access token. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const { claims } = authOf(context);
  return { userId: claims.sub, practiceId: claims.pid, role: claims.role };
});

/** The caller with their session id, for identity's session commands. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionActor => {
    const { claims } = authOf(context);
    return { userId: claims.sub, practiceId: claims.pid, role: claims.role, sessionId: claims.sid };
  },
);
