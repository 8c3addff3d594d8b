import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ArborError, type AccessTokenClaims, type Role } from '@arbor/contracts';
import { AccessTokenVerifier } from './access-token-verifier';
import { ALLOW_MFA_PENDING, PUBLIC_ROUTE, ROUTE_ROLES } from './auth.decorators';

export const ACCESS_TOKEN_VERIFIER = Symbol.for('arbor.auth.verifier');

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  params?: Record<string, string | undefined>;
  auth?: { claims: AccessTokenClaims };
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;

/**
 * Every gateway route is closed unless marked `@Public()`: a valid access token is required
 * (401); a route about a practice (`:pid`) answers 404 for any practice but the token's, before
 * anything else is looked at; then the active role must be one the route allows (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ACCESS_TOKEN_VERIFIER) private readonly verifier: AccessTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['authorization'];
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match?.[1])
      throw new ArborError('unauthenticated', 'an access token is required (Authorization: Bearer …)');
    const claims = await this.verifier.verify(match[1]);
    request.auth = { claims };

    // Tenancy before role: another practice's ids do not exist for the caller, whatever role
    // they act in, so a 403 must never tell them that the route exists there.
    const practiceId = request.params?.['pid'];
    if (practiceId !== undefined && practiceId !== claims.pid) {
      throw new ArborError('not_found', 'no such practice');
    }

    if (claims.mfa_pending && !this.reflector.getAllAndOverride<boolean>(ALLOW_MFA_PENDING, targets)) {
      throw new ArborError('forbidden', 'your practice requires multi-factor authentication: enrol first');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROUTE_ROLES, targets);
    if (roles && !roles.includes(claims.role)) {
      throw new ArborError('forbidden', `acting as ${claims.role}, you may not do this`, {
        activeRole: claims.role,
      });
    }
    return true;
  }
}
