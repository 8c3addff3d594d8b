import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  type PublicPractice,
  type PublicProvider,
  type SearchListingParams,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { publicProvider, type ProviderProfile } from './profile';
import { ProfilesRepository } from './profiles.repository';

/** The public directory: search and the pages' data, only public providers and public fields. */
@Injectable()
export class ListingService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly profiles: ProfilesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async search({
    cursor,
    ...params
  }: SearchListingParams): Promise<{ items: PublicProvider[]; nextCursor: string | null }> {
    const today = this.today();
    const hits = await this.profiles.search(
      this.db,
      params,
      cursor === undefined ? null : decodeCursor(cursor),
      today,
    );
    const page = hits.slice(0, params.limit);
    const last = page.at(-1);
    return {
      items: page.map((hit) => publicProvider(named(hit.profile), hit.practice, today)),
      nextCursor:
        hits.length > params.limit && last ? encodeCursor(last.rank, named(last.profile).slug) : null,
    };
  }

  async providerBySlug(slug: string): Promise<PublicProvider> {
    const profile = await this.profiles.publishedProviderBySlug(this.db, slug);
    if (!profile) throw new ArborError('not_found', 'no such provider in the directory');
    const practice = await this.profiles.practicePublicly(this.db, profile.practiceId);
    return publicProvider(named(profile), practice, this.today());
  }

  async practiceBySlug(slug: string): Promise<PublicPractice> {
    const practice = await this.profiles.publicPracticeBySlug(this.db, slug);
    if (!practice?.slug || !practice.name)
      throw new ArborError('not_found', 'no such practice in the directory');
    const { slug: practiceSlug, name, description, address, phone, website } = practice;
    return {
      slug: practiceSlug,
      name,
      description,
      address,
      phone,
      website,
      providers: await this.profiles.publishedProvidersOf(this.db, practice.practiceId),
    };
  }

  /** One page of public pages' slugs; `nextAfter` is the last one when more may follow. */
  async publicPages({
    kind,
    after,
    limit,
  }: {
    kind: 'provider' | 'practice';
    after?: string | undefined;
    limit: number;
  }): Promise<{ slugs: string[]; nextAfter: string | null }> {
    const slugs = await this.profiles.publicSlugs(this.db, kind, after, limit + 1);
    const page = slugs.slice(0, limit);
    return { slugs: page, nextAfter: slugs.length > limit ? (page.at(-1) ?? null) : null };
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}

/** A published profile always has its name and slug (it cannot be published without). */
function named(profile: ProviderProfile): ProviderProfile & { slug: string; displayName: string } {
  if (profile.slug === null || profile.displayName === null)
    throw new Error('a published profile lacks its slug or name');
  return { ...profile, slug: profile.slug, displayName: profile.displayName };
}

function encodeCursor(rank: number, slug: string): string {
  return Buffer.from(JSON.stringify([rank, slug])).toString('base64url');
}

function decodeCursor(cursor: string): { rank: number; slug: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { rank: value[0], slug: value[1] };
    }
  } catch {
    // Falls through to the refusal below: a cursor is only ever one this service gave out.
  }
  throw ArborError.validation('the cursor is not one this search gave out', [
    { path: 'cursor', message: 'is not valid' },
  ]);
}
