import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

/**
 * A provider's profile left the public directory: unlisted, the practice's Directory Listing
 * turned off, or they are no longer a provider of the practice.
 */
export const ProfileUnpublished = event('directory.profile.unpublished.v1', {
  data: z.object({ practiceId: Id, providerId: Id, slug: z.string() }),
});
