import type { License, ProfileSection, ProviderProfileFields, PublicProvider } from '@arbor/contracts';

/** A provider profile as the service holds it. */
export interface ProviderProfile extends ProviderProfileFields {
  readonly practiceId: string;
  readonly providerId: string;
  readonly slug: string | null;
  readonly published: boolean;
}

export function emptyProviderProfile(practiceId: string, providerId: string): ProviderProfile {
  return {
    practiceId,
    providerId,
    displayName: null,
    providerType: null,
    introduction: null,
    specialties: { curated: [], free: [] },
    education: [],
    licenses: [],
    languages: [],
    listed: false,
    slug: null,
    published: false,
  };
}

/**
 * The "complete your profile" list: the six sections still empty, in the order the page shows
 * them. There is no photo upload yet, so `hasPhoto` is false until there is.
 */
export function emptySections(profile: ProviderProfileFields, hasPhoto: boolean): ProfileSection[] {
  const empty: ProfileSection[] = [];
  if (!hasPhoto) empty.push('photo');
  if (profile.providerType === null || profile.introduction === null)
    empty.push('provider_type_and_introduction');
  if (profile.specialties.curated.length + profile.specialties.free.length === 0) empty.push('specialties');
  if (profile.education.length === 0) empty.push('education');
  if (profile.licenses.length === 0) empty.push('licenses');
  if (profile.languages.length === 0) empty.push('languages');
  return empty;
}

/** What decides whether a provider is in the public directory. */
export interface Publicity {
  readonly listed: boolean;
  readonly hasSlug: boolean;
  readonly listingEnabled: boolean;
  readonly isProvider: boolean;
}

/** Public only when they chose it, the practice has Directory Listing on, and they still provide. */
export function isPublic(state: Publicity): boolean {
  return state.listed && state.hasSlug && state.listingEnabled && state.isProvider;
}

/** A license is current through its expiry day; `today` is `YYYY-MM-DD` in UTC. */
export function isCurrent(license: Pick<License, 'expiresOn'>, today: string): boolean {
  return license.expiresOn >= today;
}

/** Only public fields: no ids, expired licenses dropped, numbers only where the provider chose. */
export function publicProvider(
  profile: ProviderProfile & { slug: string; displayName: string },
  practice: PublicProvider['practice'],
  today: string,
): PublicProvider {
  return {
    slug: profile.slug,
    displayName: profile.displayName,
    providerType: profile.providerType,
    introduction: profile.introduction,
    specialties: allSpecialties(profile),
    education: profile.education,
    licenses: profile.licenses
      .filter((license) => isCurrent(license, today))
      .map(({ type, state, number, expiresOn, numberPublic }) => ({
        type,
        state,
        number: numberPublic ? number : null,
        expiresOn,
      })),
    languages: profile.languages,
    practice,
  };
}

export function allSpecialties(profile: Pick<ProviderProfileFields, 'specialties'>): string[] {
  return [...profile.specialties.curated, ...profile.specialties.free];
}

/** Lower case without accents: how specialties are stored and matched ("Deuil" finds "déuil"). */
export function searchTerm(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** A URL-safe slug from a name: "Ana Pérez, LCSW" → "ana-perez-lcsw". */
export function slugBase(name: string): string {
  const base = searchTerm(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base === '' ? 'profile' : base;
}

/** The candidates tried in order: the base, then base-2, base-3, … */
export function slugCandidate(base: string, attempt: number): string {
  return attempt === 1 ? base : `${base}-${attempt}`;
}
