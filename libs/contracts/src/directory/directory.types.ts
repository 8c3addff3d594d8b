import { z } from 'zod';
import { Id, SafeString } from '../common';
import { Address } from '../client-records/client.types';
import { StateCode } from '../payments/sales-tax.types';

/** Plain text: trimmed, never empty once given. */
const Text = (max: number) => SafeString.trim().min(1).max(max);

/** The provider types the directory offers; `other` comes with the provider's own words. */
export const ProviderTypeKey = z.enum([
  'licensed_clinical_social_worker',
  'psychologist',
  'counselor',
  'marriage_and_family_therapist',
  'psychiatrist',
  'psychiatric_nurse_practitioner',
  'licensed_professional_counselor',
  'addiction_counselor',
  'other',
]);
export type ProviderTypeKey = z.infer<typeof ProviderTypeKey>;

export const ProviderType = z
  .object({ key: ProviderTypeKey, other: Text(100).nullable().default(null) })
  .refine((type) => (type.key === 'other') === (type.other !== null), {
    message: 'give `other` exactly when the key is other',
    path: ['other'],
  });
export type ProviderType = z.infer<typeof ProviderType>;

/** The curated specialties; a provider may add free entries beside them. */
export const SPECIALTIES = [
  'Anxiety',
  'Depression',
  'Trauma and PTSD',
  'Grief and Loss',
  'Relationship Issues',
  'Family Conflict',
  'Addiction',
  'Eating Disorders',
  'ADHD',
  'Autism',
  'Bipolar Disorder',
  'OCD',
  'Stress',
  'LGBTQ+',
  'Child and Adolescent',
  'Couples Therapy',
  'Life Transitions',
  'Self-Esteem',
  'Sleep',
  'Chronic Illness',
] as const;
export const CuratedSpecialty = z.enum(SPECIALTIES);

export const MAX_SPECIALTIES = 20;
export const MAX_FREE_SPECIALTIES = 5;

export const Specialties = z
  .object({
    curated: z.array(CuratedSpecialty).max(MAX_SPECIALTIES),
    free: z.array(Text(60)).max(MAX_FREE_SPECIALTIES),
  })
  .refine(
    (s) =>
      new Set([...s.curated, ...s.free].map((v) => v.toLowerCase())).size ===
      s.curated.length + s.free.length,
    {
      message: 'lists a specialty twice',
    },
  );
export type Specialties = z.infer<typeof Specialties>;

export const Education = z.object({
  degree: Text(100),
  school: Text(200),
  year: z.number().int().min(1900).max(2100),
});
export type Education = z.infer<typeof Education>;

const UsState = StateCode;

/** A calendar date, `YYYY-MM-DD`. */
const IsoDate = z.iso.date();

/**
 * A license. The number is public only when the provider chose `numberPublic` (docs/adr/0023);
 * an expired license is never public at all.
 */
export const License = z.object({
  type: Text(100),
  state: UsState,
  number: Text(50),
  expiresOn: IsoDate,
  numberPublic: z.boolean().default(false),
});
export type License = z.infer<typeof License>;

/** ISO 639-1 two-letter language codes. */
export const ISO_639_1 = [
  'aa',
  'ab',
  'ae',
  'af',
  'ak',
  'am',
  'an',
  'ar',
  'as',
  'av',
  'ay',
  'az',
  'ba',
  'be',
  'bg',
  'bh',
  'bi',
  'bm',
  'bn',
  'bo',
  'br',
  'bs',
  'ca',
  'ce',
  'ch',
  'co',
  'cr',
  'cs',
  'cu',
  'cv',
  'cy',
  'da',
  'de',
  'dv',
  'dz',
  'ee',
  'el',
  'en',
  'eo',
  'es',
  'et',
  'eu',
  'fa',
  'ff',
  'fi',
  'fj',
  'fo',
  'fr',
  'fy',
  'ga',
  'gd',
  'gl',
  'gn',
  'gu',
  'gv',
  'ha',
  'he',
  'hi',
  'ho',
  'hr',
  'ht',
  'hu',
  'hy',
  'hz',
  'ia',
  'id',
  'ie',
  'ig',
  'ii',
  'ik',
  'io',
  'is',
  'it',
  'iu',
  'ja',
  'jv',
  'ka',
  'kg',
  'ki',
  'kj',
  'kk',
  'kl',
  'km',
  'kn',
  'ko',
  'kr',
  'ks',
  'ku',
  'kv',
  'kw',
  'ky',
  'la',
  'lb',
  'lg',
  'li',
  'ln',
  'lo',
  'lt',
  'lu',
  'lv',
  'mg',
  'mh',
  'mi',
  'mk',
  'ml',
  'mn',
  'mr',
  'ms',
  'mt',
  'my',
  'na',
  'nb',
  'nd',
  'ne',
  'ng',
  'nl',
  'nn',
  'no',
  'nr',
  'nv',
  'ny',
  'oc',
  'oj',
  'om',
  'or',
  'os',
  'pa',
  'pi',
  'pl',
  'ps',
  'pt',
  'qu',
  'rm',
  'rn',
  'ro',
  'ru',
  'rw',
  'sa',
  'sc',
  'sd',
  'se',
  'sg',
  'si',
  'sk',
  'sl',
  'sm',
  'sn',
  'so',
  'sq',
  'sr',
  'ss',
  'st',
  'su',
  'sv',
  'sw',
  'ta',
  'te',
  'tg',
  'th',
  'ti',
  'tk',
  'tl',
  'tn',
  'to',
  'tr',
  'ts',
  'tt',
  'tw',
  'ty',
  'ug',
  'uk',
  'ur',
  'uz',
  've',
  'vi',
  'vo',
  'wa',
  'wo',
  'xh',
  'yi',
  'yo',
  'za',
  'zh',
  'zu',
] as const;
export const LanguageCode = z.enum(ISO_639_1, { error: 'must be an ISO 639-1 code such as en' });
export type LanguageCode = z.infer<typeof LanguageCode>;

const unique = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max)
    .refine(
      (items) => new Set(items.map((i) => JSON.stringify(i))).size === items.length,
      `lists ${what} twice`,
    );

/** The sections a provider fills in; the photo comes with its own upload. */
export const ProviderProfileFields = z.object({
  displayName: Text(120).nullable(),
  providerType: ProviderType.nullable(),
  /** Plain text; shown as text, never as markup. */
  introduction: Text(5000).nullable(),
  specialties: Specialties,
  education: unique(Education, 10, 'an education entry'),
  licenses: unique(License, 20, 'a license'),
  languages: unique(LanguageCode, 20, 'a language'),
  listed: z.boolean(),
});
export type ProviderProfileFields = z.infer<typeof ProviderProfileFields>;

/** Changes to a provider profile: only what is given changes. */
export const ProviderProfileChanges = ProviderProfileFields.partial().refine(
  (changes) => Object.keys(changes).length > 0,
  'give at least one field',
);
export type ProviderProfileChanges = z.infer<typeof ProviderProfileChanges>;

/** The six sections the "complete your profile" list names. */
export const ProfileSection = z.enum([
  'photo',
  'provider_type_and_introduction',
  'specialties',
  'education',
  'licenses',
  'languages',
]);
export type ProfileSection = z.infer<typeof ProfileSection>;

export const ProviderProfileView = ProviderProfileFields.extend({
  practiceId: Id,
  providerId: Id,
  /** Assigned once the profile first has a name; never changes after (docs/adr/0023). */
  slug: z.string().nullable(),
  /** Whether the profile is in the public directory now. */
  published: z.boolean(),
  emptySections: z.array(ProfileSection),
});
export type ProviderProfileView = z.infer<typeof ProviderProfileView>;

export const PracticeProfileFields = z.object({
  name: Text(200).nullable(),
  description: Text(5000).nullable(),
  address: Address.nullable(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ().-]{7,20}$/, 'must be a phone number')
    .nullable(),
  website: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address' })
    .max(300)
    .nullable(),
  listed: z.boolean(),
});
export type PracticeProfileFields = z.infer<typeof PracticeProfileFields>;

export const PracticeProfileChanges = PracticeProfileFields.partial().refine(
  (changes) => Object.keys(changes).length > 0,
  'give at least one field',
);
export type PracticeProfileChanges = z.infer<typeof PracticeProfileChanges>;

export const PracticeProfileView = PracticeProfileFields.extend({
  practiceId: Id,
  slug: z.string().nullable(),
  published: z.boolean(),
});
export type PracticeProfileView = z.infer<typeof PracticeProfileView>;

/** A license as the public sees it: never expired; the number only if the provider chose so. */
export const PublicLicense = z.object({
  type: z.string(),
  state: UsState,
  number: z.string().nullable(),
  expiresOn: IsoDate,
});

/** Only public fields: no ids of people, no email, no unlisted data. */
export const PublicProvider = z.object({
  slug: z.string(),
  displayName: z.string(),
  providerType: ProviderType.nullable(),
  introduction: z.string().nullable(),
  specialties: z.array(z.string()),
  education: z.array(Education),
  licenses: z.array(PublicLicense),
  languages: z.array(LanguageCode),
  practice: z.object({ slug: z.string().nullable(), name: z.string().nullable() }),
});
export type PublicProvider = z.infer<typeof PublicProvider>;

export const PublicPractice = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  address: Address.nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  providers: z.array(z.object({ slug: z.string(), displayName: z.string() })),
});
export type PublicPractice = z.infer<typeof PublicPractice>;
