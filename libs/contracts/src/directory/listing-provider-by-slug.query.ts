import { z } from 'zod';
import { query } from '../contract';
import { PublicProvider } from './directory.types';

/** A public provider page's data; `not_found` when the slug is unknown or not public. No actor. */
export const ProviderBySlug = query('directory.listing.provider-by-slug.v1', {
  payload: z.object({ slug: z.string().min(1).max(200) }),
  reply: PublicProvider,
});
