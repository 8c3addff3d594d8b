import type { Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, GetJwks } from '@arbor/contracts';
import { ACCESS_TOKEN_VERIFIER, AccessTokenVerifier, AuthGuard } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';

/**
 * Access tokens are verified here, with identity's public keys fetched over the bus once and
 * cached; every route is closed unless marked `@Public()`.
 */
export const gatewayAuthProviders: Provider[] = [
  {
    provide: ACCESS_TOKEN_VERIFIER,
    inject: [GATEWAY_BUS],
    useFactory: (bus: BusClient) =>
      new AccessTokenVerifier({
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        loadKeys: async () => (await bus.send(GetJwks, {})).keys,
      }),
  },
  { provide: APP_GUARD, useClass: AuthGuard },
];
