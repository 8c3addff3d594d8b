import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';
import { ProviderProfileChanges, ProviderProfileView } from './directory.types';

/** The acting provider edits their own profile; only the fields given change. */
export const UpdateOwnProfile = command('directory.own-profile.update.v1', {
  payload: z.object({ actor: Actor, changes: ProviderProfileChanges }),
  reply: ProviderProfileView,
});
