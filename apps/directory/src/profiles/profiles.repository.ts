import { Injectable } from '@nestjs/common';
import { and, asc, desc, eq, gt, isNotNull, sql, type SQL } from 'drizzle-orm';
import type {
  Education,
  License,
  PracticeProfileFields,
  ProviderType,
  SearchListingParams,
  Specialties,
} from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { listingServices } from '../read-models/read-models.schema';
import { allSpecialties, searchTerm, slugBase, slugCandidate, type ProviderProfile } from './profile';
import { practiceProfiles, providerProfiles, slugs } from './profiles.schema';

type ProviderRow = typeof providerProfiles.$inferSelect;
type PracticeRow = typeof practiceProfiles.$inferSelect;

export interface PracticeProfile extends PracticeProfileFields {
  readonly practiceId: string;
  readonly slug: string | null;
}

/** A search hit: the profile, its practice's public name and slug (if public), and its rank. */
export interface SearchHit {
  readonly profile: ProviderProfile;
  readonly practice: { slug: string | null; name: string | null };
  readonly rank: number;
}

const CONFIG = sql.raw(`'english'`);

/** A practice's page is public when the practice chose it, has a name and Directory Listing is on. */
const practicePublic = sql<boolean>`coalesce(${practiceProfiles.listed} AND ${practiceProfiles.name} IS NOT NULL AND ${listingServices.enabled}, false)`;

@Injectable()
export class ProfilesRepository {
  /**
   * Serialises everything that decides one provider's public state: a profile edit and a
   * membership change of the same provider take turns, and wait for (and make wait) a practice-wide
   * Directory Listing change. Row locks cannot do it alone: a profile being created has no row yet
   * for the other transaction to wait on. Transaction-scoped advisory locks, always the practice's
   * first, so they cannot deadlock; a hash collision only makes two unrelated writes take turns.
   */
  async lockProvider(tx: Queryable, practiceId: string, providerId: string): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(1, hashtext(${practiceId}))`);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(2, hashtext(${`${practiceId}:${providerId}`}))`);
  }

  /** Waits for every provider write of the practice to end, and holds new ones off (see lockProvider). */
  async lockPractice(tx: Queryable, practiceId: string): Promise<void> {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(1, hashtext(${practiceId}))`);
  }

  async provider(
    db: Queryable,
    practiceId: string,
    providerId: string,
    lock = false,
  ): Promise<ProviderProfile | undefined> {
    const query = db
      .select()
      .from(providerProfiles)
      .where(and(eq(providerProfiles.practiceId, practiceId), eq(providerProfiles.providerId, providerId)));
    const [row] = lock ? await query.for('update') : await query;
    return row ? toProvider(row) : undefined;
  }

  /** Every provider profile of the practice, locked: a practice-wide change re-decides them all. */
  async providersOfPractice(tx: Queryable, practiceId: string): Promise<ProviderProfile[]> {
    const rows = await tx
      .select()
      .from(providerProfiles)
      .where(eq(providerProfiles.practiceId, practiceId))
      .orderBy(providerProfiles.providerId)
      .for('update');
    return rows.map(toProvider);
  }

  /** Writes the whole profile and its search document (name, specialties, introduction, unaccented). */
  async saveProvider(tx: Queryable, profile: ProviderProfile, now: Date): Promise<void> {
    const specialties = allSpecialties(profile);
    const weighted = (value: string, weight: string) =>
      sql`setweight(to_tsvector(${CONFIG}, unaccent(${value})), ${weight})`;
    const values = {
      practiceId: profile.practiceId,
      providerId: profile.providerId,
      displayName: profile.displayName,
      providerType: profile.providerType,
      providerTypeKey: profile.providerType?.key ?? null,
      introduction: profile.introduction,
      specialties: profile.specialties,
      specialtyTerms: specialties.map(searchTerm),
      education: profile.education,
      licenses: profile.licenses,
      languages: [...profile.languages],
      listed: profile.listed,
      slug: profile.slug,
      published: profile.published,
      searchDocument: sql`${weighted(profile.displayName ?? '', 'A')} || ${weighted(specialties.join(' '), 'B')} || ${weighted(profile.introduction ?? '', 'C')}`,
      updatedAt: now,
    };
    const { practiceId: _p, providerId: _u, ...changes } = values;
    await tx
      .insert(providerProfiles)
      .values(values)
      .onConflictDoUpdate({
        target: [providerProfiles.practiceId, providerProfiles.providerId],
        set: changes,
      });
  }

  async setPublished(
    tx: Queryable,
    practiceId: string,
    providerId: string,
    published: boolean,
  ): Promise<void> {
    await tx
      .update(providerProfiles)
      .set({ published })
      .where(and(eq(providerProfiles.practiceId, practiceId), eq(providerProfiles.providerId, providerId)));
  }

  async practice(db: Queryable, practiceId: string, lock = false): Promise<PracticeProfile | undefined> {
    const query = db.select().from(practiceProfiles).where(eq(practiceProfiles.practiceId, practiceId));
    const [row] = lock ? await query.for('update') : await query;
    return row ? toPractice(row) : undefined;
  }

  async savePractice(tx: Queryable, profile: PracticeProfile, now: Date): Promise<void> {
    const values = {
      practiceId: profile.practiceId,
      name: profile.name,
      description: profile.description,
      address: profile.address,
      phone: profile.phone,
      website: profile.website,
      listed: profile.listed,
      slug: profile.slug,
      updatedAt: now,
    };
    const { practiceId: _p, ...changes } = values;
    await tx
      .insert(practiceProfiles)
      .values(values)
      .onConflictDoUpdate({ target: practiceProfiles.practiceId, set: changes });
  }

  /**
   * Gives out a slug made from the name: the first candidate nobody ever had. The slugs table
   * keeps every slug given out, so none is ever given twice (docs/adr/0023).
   */
  async reserveSlug(
    tx: Queryable,
    name: string,
    owner: { kind: 'provider' | 'practice'; practiceId: string; providerId: string | null },
    now: Date,
  ): Promise<string> {
    const base = slugBase(name);
    for (let attempt = 1; ; attempt += 1) {
      const slug = slugCandidate(base, attempt);
      const taken = await tx
        .insert(slugs)
        .values({ slug, ...owner, createdAt: now })
        .onConflictDoNothing()
        .returning({ slug: slugs.slug });
      if (taken.length === 1) return slug;
    }
  }

  /** Whether the practice's public page exists now, and what it is called. */
  async practicePublicly(
    db: Queryable,
    practiceId: string,
  ): Promise<{ slug: string | null; name: string | null }> {
    const [row] = await db
      .select({ slug: practiceProfiles.slug, name: practiceProfiles.name, isPublic: practicePublic })
      .from(practiceProfiles)
      .leftJoin(listingServices, eq(listingServices.practiceId, practiceProfiles.practiceId))
      .where(eq(practiceProfiles.practiceId, practiceId));
    return row?.isPublic ? { slug: row.slug, name: row.name } : { slug: null, name: null };
  }

  /** Published providers matching the filters, best match first, one page after `after`. */
  async search(
    db: Queryable,
    params: Omit<SearchListingParams, 'cursor'>,
    after: { rank: number; slug: string } | null,
    today: string,
  ): Promise<SearchHit[]> {
    const tsquery = params.q ? sql`websearch_to_tsquery(${CONFIG}, unaccent(${params.q}))` : null;
    const rank = tsquery
      ? sql<number>`ts_rank(${providerProfiles.searchDocument}, ${tsquery})::float8`
      : sql<number>`0::float8`;
    const conditions: SQL[] = [eq(providerProfiles.published, true)];
    if (tsquery) conditions.push(sql`${providerProfiles.searchDocument} @@ ${tsquery}`);
    if (params.specialty)
      conditions.push(
        sql`${providerProfiles.specialtyTerms} @> ARRAY[${searchTerm(params.specialty)}]::text[]`,
      );
    if (params.language)
      conditions.push(sql`${providerProfiles.languages} @> ARRAY[${params.language}]::text[]`);
    if (params.providerType) conditions.push(eq(providerProfiles.providerTypeKey, params.providerType));
    if (params.state)
      // Only a current license counts: an expired one is not public, so it must not be findable.
      conditions.push(
        sql`jsonb_path_exists(${providerProfiles.licenses}, '$[*] ? (@.state == $s && @.expiresOn >= $t)', jsonb_build_object('s', ${params.state}::text, 't', ${today}::text))`,
      );
    if (after)
      conditions.push(
        sql`(${rank} < ${after.rank}::float8 OR (${rank} = ${after.rank}::float8 AND ${providerProfiles.slug} > ${after.slug}))`,
      );
    const rows = await db
      .select({
        profile: providerProfiles,
        practiceSlug: practiceProfiles.slug,
        practiceName: practiceProfiles.name,
        practiceIsPublic: practicePublic,
        rank,
      })
      .from(providerProfiles)
      .leftJoin(practiceProfiles, eq(practiceProfiles.practiceId, providerProfiles.practiceId))
      .leftJoin(listingServices, eq(listingServices.practiceId, providerProfiles.practiceId))
      .where(and(...conditions))
      .orderBy(desc(rank), asc(providerProfiles.slug))
      .limit(params.limit + 1);
    return rows.map((row) => ({
      profile: toProvider(row.profile),
      practice: row.practiceIsPublic
        ? { slug: row.practiceSlug, name: row.practiceName }
        : { slug: null, name: null },
      rank: row.rank,
    }));
  }

  async publishedProviderBySlug(db: Queryable, slug: string): Promise<ProviderProfile | undefined> {
    const [row] = await db
      .select()
      .from(providerProfiles)
      .where(and(eq(providerProfiles.slug, slug), eq(providerProfiles.published, true)));
    return row ? toProvider(row) : undefined;
  }

  /** The practice by slug, only while its page is public. */
  async publicPracticeBySlug(db: Queryable, slug: string): Promise<PracticeProfile | undefined> {
    const [row] = await db
      .select({ practice: practiceProfiles, isPublic: practicePublic })
      .from(practiceProfiles)
      .leftJoin(listingServices, eq(listingServices.practiceId, practiceProfiles.practiceId))
      .where(eq(practiceProfiles.slug, slug));
    return row?.isPublic ? toPractice(row.practice) : undefined;
  }

  async publishedProvidersOf(
    db: Queryable,
    practiceId: string,
  ): Promise<{ slug: string; displayName: string }[]> {
    const rows = await db
      .select({ slug: providerProfiles.slug, displayName: providerProfiles.displayName })
      .from(providerProfiles)
      .where(and(eq(providerProfiles.practiceId, practiceId), eq(providerProfiles.published, true)))
      .orderBy(asc(providerProfiles.displayName), asc(providerProfiles.slug));
    return rows.flatMap((row) =>
      row.slug !== null && row.displayName !== null ? [{ slug: row.slug, displayName: row.displayName }] : [],
    );
  }

  /** Public pages' slugs in slug order after `after`, at most `limit` (the sitemap's walk). */
  async publicSlugs(
    db: Queryable,
    kind: 'provider' | 'practice',
    after: string | undefined,
    limit: number,
  ): Promise<string[]> {
    if (kind === 'provider') {
      const rows = await db
        .select({ slug: providerProfiles.slug })
        .from(providerProfiles)
        .where(
          and(
            eq(providerProfiles.published, true),
            isNotNull(providerProfiles.displayName),
            isNotNull(providerProfiles.slug),
            after === undefined ? undefined : gt(providerProfiles.slug, after),
          ),
        )
        .orderBy(asc(providerProfiles.slug))
        .limit(limit);
      return rows.flatMap((row) => (row.slug === null ? [] : [row.slug]));
    }
    const rows = await db
      .select({ slug: practiceProfiles.slug })
      .from(practiceProfiles)
      .leftJoin(listingServices, eq(listingServices.practiceId, practiceProfiles.practiceId))
      .where(
        and(
          practicePublic,
          isNotNull(practiceProfiles.slug),
          after === undefined ? undefined : gt(practiceProfiles.slug, after),
        ),
      )
      .orderBy(asc(practiceProfiles.slug))
      .limit(limit);
    return rows.flatMap((row) => (row.slug === null ? [] : [row.slug]));
  }
}

function toProvider(row: ProviderRow): ProviderProfile {
  return {
    practiceId: row.practiceId,
    providerId: row.providerId,
    displayName: row.displayName,
    providerType: row.providerType as ProviderType | null,
    introduction: row.introduction,
    specialties: row.specialties as Specialties,
    education: row.education as Education[],
    licenses: row.licenses as License[],
    languages: row.languages as ProviderProfile['languages'],
    listed: row.listed,
    slug: row.slug,
    published: row.published,
  };
}

function toPractice(row: PracticeRow): PracticeProfile {
  return {
    practiceId: row.practiceId,
    name: row.name,
    description: row.description,
    address: row.address as PracticeProfile['address'],
    phone: row.phone,
    website: row.website,
    listed: row.listed,
    slug: row.slug,
  };
}
