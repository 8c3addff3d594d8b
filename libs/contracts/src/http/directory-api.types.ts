import { z } from 'zod';
import { Id } from '../common';
import {
  PracticeProfileFields,
  PracticeProfileView,
  ProfileSection,
  ProviderProfileFields,
  ProviderProfileView,
  PublicPractice,
  PublicProvider,
} from '../directory/directory.types';
import { SearchListingParams } from '../directory/listing-search.query';
import { Page } from './page.types';
import { route } from './route.types';

const ProviderParams = z.object({ pid: Id, uid: Id });
const PracticeParams = z.object({ pid: Id });
const SlugParams = z.object({ slug: z.string().min(1).max(200) });

/** How long a shared cache may keep a public directory answer: an unlisting shows within this. */
export const DIRECTORY_PUBLIC_CACHE = 'public, max-age=60';

/**
 * A provider profile as its editor sees it: the editable document, its slug and whether it is
 * public now, plus `photoUrl` and `missing` (the "complete your profile" sections still empty).
 */
export const ProviderProfileResource = ProviderProfileView.omit({ emptySections: true }).extend({
  /** Always `null` for now: photo uploads are not built yet. */
  photoUrl: z.string().nullable(),
  missing: z.array(ProfileSection),
});
export type ProviderProfileResource = z.infer<typeof ProviderProfileResource>;

export const GetProviderProfileRoute = route({
  operationId: 'getProviderProfile',
  method: 'GET',
  path: '/api/v1/practices/{pid}/providers/{uid}/profile',
  summary: "A provider's directory profile (the provider themself, or an Admin of the practice)",
  description:
    '`missing` names the sections still empty. `photoUrl` is always `null`: photo uploads are not ' +
    'built yet. A provider asking for another provider’s profile is refused (403); a user who is ' +
    'not a provider of the practice is 404.',
  tags: ['Directory'],
  access: ['admin', 'provider'],
  params: ProviderParams,
  responses: { 200: ProviderProfileResource },
});

export const PutProviderProfileRoute = route({
  operationId: 'putProviderProfile',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/providers/{uid}/profile',
  summary: "Replace a provider's directory profile (the provider themself, or an Admin of the practice)",
  description:
    'Takes the whole editable document — every field, `null` or `[]` for an empty section — and ' +
    'answers the profile as `GET` does. The photo is not part of it. The profile is public once ' +
    '`listed` is true, it has a name, and the practice has Directory Listing enabled.',
  tags: ['Directory'],
  access: ['admin', 'provider'],
  params: ProviderParams,
  body: ProviderProfileFields,
  responses: { 200: ProviderProfileResource },
});

export const GetPracticeProfileRoute = route({
  operationId: 'getPracticeProfile',
  method: 'GET',
  path: '/api/v1/practices/{pid}/profile',
  summary: "The practice's directory profile (Admin)",
  tags: ['Directory'],
  access: ['admin'],
  params: PracticeParams,
  responses: { 200: PracticeProfileView },
});

export const PutPracticeProfileRoute = route({
  operationId: 'putPracticeProfile',
  method: 'PUT',
  path: '/api/v1/practices/{pid}/profile',
  summary: "Replace the practice's directory profile (Admin)",
  description:
    'Takes the whole editable document — every field, `null` where empty. The logo is not part of it.',
  tags: ['Directory'],
  access: ['admin'],
  params: PracticeParams,
  body: PracticeProfileFields,
  responses: { 200: PracticeProfileView },
});

/** `?limit=` arrives as text; at most 50 public profiles a page, 20 when absent. */
export const DirectorySearchQuery = SearchListingParams.extend({
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(50, 'must be at most 50')
    .default(20),
});

export const SearchDirectoryRoute = route({
  operationId: 'searchDirectory',
  method: 'GET',
  path: '/api/v1/directory',
  summary: 'The public directory: listed providers of practices with Directory Listing, best match first',
  description:
    'No sign-in. `q` searches names, introductions and specialties (accents ignored); `specialty`, ' +
    '`language` (ISO 639-1), `state` (a current license there) and `providerType` filter. Public ' +
    `fields only. Answered with \`Cache-Control: ${DIRECTORY_PUBLIC_CACHE}\`.`,
  tags: ['Directory'],
  access: 'public',
  query: DirectorySearchQuery,
  responses: { 200: Page(PublicProvider) },
});

export const GetPublicProviderRoute = route({
  operationId: 'getPublicProvider',
  method: 'GET',
  path: '/api/v1/directory/providers/{slug}',
  summary: 'A public provider profile, by its slug (404 when it is not public)',
  description: `No sign-in; public fields only. Answered with \`Cache-Control: ${DIRECTORY_PUBLIC_CACHE}\`.`,
  tags: ['Directory'],
  access: 'public',
  params: SlugParams,
  responses: { 200: PublicProvider },
});

export const GetPublicPracticeRoute = route({
  operationId: 'getPublicPractice',
  method: 'GET',
  path: '/api/v1/directory/practices/{slug}',
  summary: 'A public practice profile with its public providers, by its slug (404 when it is not public)',
  description: `No sign-in; public fields only. Answered with \`Cache-Control: ${DIRECTORY_PUBLIC_CACHE}\`.`,
  tags: ['Directory'],
  access: 'public',
  params: SlugParams,
  responses: { 200: PublicPractice },
});

export const DIRECTORY_ROUTES = [
  GetProviderProfileRoute,
  PutProviderProfileRoute,
  GetPracticeProfileRoute,
  PutPracticeProfileRoute,
  SearchDirectoryRoute,
  GetPublicProviderRoute,
  GetPublicPracticeRoute,
] as const;
