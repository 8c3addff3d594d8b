import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { ProviderProfileChanges, ProviderProfileView } from './directory.types';

/** Admin only: edits a provider's profile; `not_found` when they are not a provider of the practice. */
export const UpdateProviderProfile = command('directory.provider-profile.update.v1', {
  payload: z.object({ actor: Actor, providerId: Id, changes: ProviderProfileChanges }),
  reply: ProviderProfileView,
});
