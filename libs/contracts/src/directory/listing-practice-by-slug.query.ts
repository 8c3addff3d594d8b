import { z } from 'zod';
import { query } from '../contract';
import { PublicPractice } from './directory.types';

/** A public practice page's data; `not_found` when the slug is unknown or not public. No actor. */
export const PracticeBySlug = query('directory.listing.practice-by-slug.v1', {
  payload: z.object({ slug: z.string().min(1).max(200) }),
  reply: PublicPractice,
});
