import type { ProviderProfileFields } from '@arbor/contracts';
import {
  emptyProviderProfile,
  emptySections,
  isPublic,
  publicProvider,
  slugBase,
  slugCandidate,
  type ProviderProfile,
} from './profile';

const complete: ProviderProfileFields = {
  displayName: 'Ana Pérez',
  providerType: { key: 'psychologist', other: null },
  introduction: 'I help adults with anxiety.',
  specialties: { curated: ['Anxiety'], free: ['Duelo migratorio'] },
  education: [{ degree: 'PsyD', school: 'Rutgers', year: 2012 }],
  licenses: [
    { type: 'Psychologist', state: 'NJ', number: 'PSY-1', expiresOn: '2027-01-31', numberPublic: false },
  ],
  languages: ['en', 'es'],
  listed: true,
};

describe('emptySections', () => {
  it('names all six sections of an empty profile', () => {
    expect(emptySections(emptyProviderProfile('p', 'u'), false)).toEqual([
      'photo',
      'provider_type_and_introduction',
      'specialties',
      'education',
      'licenses',
      'languages',
    ]);
  });

  it('names only the photo once every other section is filled, and nothing with a photo', () => {
    expect(emptySections(complete, false)).toEqual(['photo']);
    expect(emptySections(complete, true)).toEqual([]);
  });

  it('counts type and introduction as one section that needs both', () => {
    expect(emptySections({ ...complete, introduction: null }, true)).toEqual([
      'provider_type_and_introduction',
    ]);
    expect(emptySections({ ...complete, providerType: null }, true)).toEqual([
      'provider_type_and_introduction',
    ]);
  });

  it('counts free specialties alone as filled', () => {
    expect(emptySections({ ...complete, specialties: { curated: [], free: ['x'] } }, true)).toEqual([]);
    expect(emptySections({ ...complete, specialties: { curated: [], free: [] } }, true)).toEqual([
      'specialties',
    ]);
  });
});

describe('isPublic', () => {
  const all = { listed: true, hasSlug: true, listingEnabled: true, isProvider: true };
  it('is public only when every condition holds', () => {
    expect(isPublic(all)).toBe(true);
    for (const key of Object.keys(all) as (keyof typeof all)[]) {
      expect(isPublic({ ...all, [key]: false })).toBe(false);
    }
  });
});

describe('publicProvider', () => {
  const profile: ProviderProfile & { slug: string; displayName: string } = {
    ...emptyProviderProfile('practice-id', 'provider-id'),
    ...complete,
    displayName: 'Ana Pérez',
    slug: 'ana-perez',
    licenses: [
      { type: 'Psychologist', state: 'NJ', number: 'PSY-1', expiresOn: '2027-01-31', numberPublic: true },
      { type: 'Psychologist', state: 'NY', number: 'PSY-2', expiresOn: '2026-11-30', numberPublic: true },
      { type: 'Psychologist', state: 'PA', number: 'PSY-3', expiresOn: '2026-12-01', numberPublic: false },
    ],
  };

  it('drops expired licenses, keeps one that expires today, and hides numbers not chosen public', () => {
    const view = publicProvider(profile, { slug: null, name: null }, '2026-12-01');
    expect(view.licenses).toEqual([
      { type: 'Psychologist', state: 'NJ', number: 'PSY-1', expiresOn: '2027-01-31' },
      { type: 'Psychologist', state: 'PA', number: null, expiresOn: '2026-12-01' },
    ]);
  });

  it('carries no ids and no listing flags', () => {
    const view = publicProvider(profile, { slug: null, name: null }, '2026-12-01');
    expect(JSON.stringify(view)).not.toContain('provider-id');
    expect(JSON.stringify(view)).not.toContain('practice-id');
    expect(Object.keys(view)).not.toContain('listed');
    expect(view.specialties).toEqual(['Anxiety', 'Duelo migratorio']);
  });
});

describe('slugs', () => {
  it('makes lower-case ASCII words joined by dashes from any name', () => {
    expect(slugBase('Ana Pérez, LCSW')).toBe('ana-perez-lcsw');
    expect(slugBase('  Zoë  O’Brien ')).toBe('zoe-o-brien');
    expect(slugBase('李')).toBe('profile');
    expect(slugBase('a'.repeat(100)).length).toBe(60);
  });

  it('numbers the candidates after the first', () => {
    expect([1, 2, 3].map((n) => slugCandidate('ana', n))).toEqual(['ana', 'ana-2', 'ana-3']);
  });
});
