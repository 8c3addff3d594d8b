import { Inject, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ArborError } from '@arbor/contracts';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../gateway.config';

type Headers = Record<string, string | string[] | undefined>;

/**
 * The origin a browser says a request came from: `Origin`, or when a browser left it out, the
 * origin of `Referer`. `undefined` when neither names one (including `Origin: null`, which a
 * sandboxed frame or a privacy redirect sends).
 */
export function browserOriginOf(headers: Headers): string | undefined {
  const origin = headers['origin'];
  if (typeof origin === 'string') return origin === 'null' ? undefined : origin;
  const referer = headers['referer'];
  if (typeof referer !== 'string') return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

/**
 * For routes a browser's cookie alone authorises (refresh, logout): the request must come from
 * the web app's own origin. SameSite=Strict already keeps the cookie off other sites' requests;
 * this holds where SameSite does not (a sibling subdomain is "same site", older browsers) and
 * answers 403 before the cookie is read.
 */
@Injectable()
export class WebOriginGuard implements CanActivate {
  private readonly allowed: ReadonlySet<string>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.allowed = new Set(config.webOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Headers }>();
    const origin = browserOriginOf(request.headers);
    if (origin === undefined || !this.allowed.has(origin)) {
      throw new ArborError('forbidden', 'this request must come from the Arbor web app');
    }
    return true;
  }
}

/** Marks a route that acts on the refresh-token cookie alone: only the web app's origin may call it. */
export const FromWebApp = () => UseGuards(WebOriginGuard);
