import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

/** A provider's profile became public: listed, Directory Listing on, and still a provider. */
export const ProfilePublished = event('directory.profile.published.v1', {
  data: z.object({ practiceId: Id, providerId: Id, slug: z.string() }),
});
