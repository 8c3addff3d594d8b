import { LanguageCode, License, ProviderProfileChanges, ProviderType, Specialties } from './directory.types';

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('directory profile schemas', () => {
  it('takes a curated provider type alone, and "other" only with its words', () => {
    expect(ProviderType.safeParse({ key: 'psychologist' }).success).toBe(true);
    expect(ProviderType.safeParse({ key: 'other', other: 'Art therapist' }).success).toBe(true);
    expect(paths(ProviderType.safeParse({ key: 'other' }))).toEqual(['other']);
    expect(paths(ProviderType.safeParse({ key: 'psychologist', other: 'Art therapist' }))).toEqual(['other']);
  });

  it('takes ISO 639-1 codes only', () => {
    expect(LanguageCode.safeParse('es').success).toBe(true);
    expect(LanguageCode.safeParse('spa').success).toBe(false);
    expect(LanguageCode.safeParse('xx').success).toBe(false);
  });

  it('bounds specialties and refuses one listed twice, curated or free, in any case', () => {
    expect(Specialties.safeParse({ curated: ['Anxiety'], free: ['Grief in migration'] }).success).toBe(true);
    expect(Specialties.safeParse({ curated: ['Anxiety'], free: ['anxiety'] }).success).toBe(false);
    expect(Specialties.safeParse({ curated: [], free: ['a', 'b', 'c', 'd', 'e', 'f'] }).success).toBe(false);
    expect(Specialties.safeParse({ curated: ['Not on the list'], free: [] }).success).toBe(false);
  });

  it('keeps a license number private unless the provider says otherwise', () => {
    const license = License.parse({ type: 'LCSW', state: 'NJ', number: '44', expiresOn: '2027-01-31' });
    expect(license.numberPublic).toBe(false);
    expect(paths(License.safeParse({ ...license, state: 'ZZ', expiresOn: '2027-02-30' }))).toEqual([
      'state',
      'expiresOn',
    ]);
  });

  it('caps the introduction at 5 000 characters and refuses an empty change', () => {
    expect(ProviderProfileChanges.safeParse({ introduction: 'x'.repeat(5000) }).success).toBe(true);
    expect(paths(ProviderProfileChanges.safeParse({ introduction: 'x'.repeat(5001) }))).toEqual([
      'introduction',
    ]);
    expect(ProviderProfileChanges.safeParse({}).success).toBe(false);
  });
});
