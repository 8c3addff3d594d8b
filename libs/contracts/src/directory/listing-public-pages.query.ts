import { z } from 'zod';
import { query } from '../contract';

/**
 * Every public page's slug, for the sitemap: providers or practices, in slug order, a page at a
 * time after the last slug given. No actor; only what the pages by slug would answer.
 */
export const ListPublicPages = query('directory.listing.public-pages.v1', {
  payload: z.object({
    kind: z.enum(['provider', 'practice']),
    after: z.string().min(1).max(200).optional(),
    limit: z.number().int().min(1).max(1000).default(500),
  }),
  reply: z.object({ slugs: z.array(z.string()), nextAfter: z.string().nullable() }),
});
