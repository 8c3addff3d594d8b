import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

/** A provider's profile became public (or its public content changed while public). */
export const ProfilePublished = event('directory.profile.published.v1', {
  data: z.object({ practiceId: Id, providerId: Id, slug: z.string() }),
});
