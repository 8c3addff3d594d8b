import { z } from 'zod';
import { query } from '../contract';
import { SafeString } from '../common';
import { StateCode } from '../payments/sales-tax.types';
import { LanguageCode, ProviderTypeKey, PublicProvider } from './directory.types';

export const SearchListingParams = z.object({
  /** Words searched in names, introductions and specialties, accents ignored. */
  q: SafeString.trim().min(1).max(200).optional(),
  specialty: SafeString.trim().min(1).max(60).optional(),
  language: LanguageCode.optional(),
  /** A state the provider holds a current license in. */
  state: StateCode.optional(),
  providerType: ProviderTypeKey.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchListingParams = z.infer<typeof SearchListingParams>;

/** The public directory's search: no actor, only public providers and public fields, best first. */
export const SearchListing = query('directory.listing.search.v1', {
  payload: SearchListingParams,
  reply: z.object({ items: z.array(PublicProvider), nextCursor: z.string().nullable() }),
});
