import { z } from 'zod';
import { query } from '../contract';
import { PublicJwk } from './identity.types';

/** The public keys access tokens are signed with; the gateway caches them and verifies locally. */
export const GetJwks = query('identity.jwks.get.v1', {
  payload: z.object({}).strict(),
  reply: z.object({ keys: z.array(PublicJwk).min(1) }),
});
