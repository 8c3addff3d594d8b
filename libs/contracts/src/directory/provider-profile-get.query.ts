import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { ProviderProfileView } from './directory.types';

/** Admin only: a provider's profile; `not_found` when they are not a provider of the practice. */
export const GetProviderProfile = query('directory.provider-profile.get.v1', {
  payload: z.object({ actor: Actor, providerId: Id }),
  reply: ProviderProfileView,
});
