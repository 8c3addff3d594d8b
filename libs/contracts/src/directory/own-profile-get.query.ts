import { z } from 'zod';
import { query } from '../contract';
import { Actor } from '../common';
import { ProviderProfileView } from './directory.types';

/** The acting provider's own profile in the practice (empty until first saved). Providers only. */
export const GetOwnProfile = query('directory.own-profile.get.v1', {
  payload: z.object({ actor: Actor }),
  reply: ProviderProfileView,
});
