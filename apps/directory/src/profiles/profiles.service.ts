import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@arbor/access';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  type Actor,
  type PracticeProfileChanges,
  type PracticeProfileView,
  type ProviderProfileChanges,
  type ProviderProfileView,
} from '@arbor/contracts';
import type { Database } from '@arbor/database';
import { DATABASE } from '@arbor/messaging';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { ListingServicesRepository } from '../read-models/read-models.repository';
import { emptyProviderProfile, emptySections, type ProviderProfile } from './profile';
import { ProfilesRepository, type PracticeProfile } from './profiles.repository';
import { PublicationService } from './publication.service';

/** Photos come with their own upload, later; until then every profile lacks one. */
const HAS_PHOTO = false;

/** Provider and practice profiles: who may read and edit which. */
@Injectable()
export class ProfilesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly profiles: ProfilesRepository,
    private readonly publication: PublicationService,
    private readonly practiceProviders: PracticeProvidersRepository,
    private readonly listing: ListingServicesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async getOwn(actor: Actor): Promise<ProviderProfileView> {
    requireRole(actor, ['provider'], 'only a provider has a provider profile');
    return this.read(actor.practiceId, actor.userId);
  }

  async updateOwn(actor: Actor, changes: ProviderProfileChanges): Promise<ProviderProfileView> {
    requireRole(actor, ['provider'], 'only a provider has a provider profile');
    return this.write(actor, actor.userId, changes);
  }

  async getProvider(actor: Actor, providerId: string): Promise<ProviderProfileView> {
    requireRole(actor, ['admin'], "only an Admin edits another provider's profile");
    await this.requireProvider(this.db, actor.practiceId, providerId);
    return this.read(actor.practiceId, providerId);
  }

  async updateProvider(
    actor: Actor,
    providerId: string,
    changes: ProviderProfileChanges,
  ): Promise<ProviderProfileView> {
    requireRole(actor, ['admin'], "only an Admin edits another provider's profile");
    await this.requireProvider(this.db, actor.practiceId, providerId);
    return this.write(actor, providerId, changes);
  }

  async getPractice(actor: Actor): Promise<PracticeProfileView> {
    requireRole(actor, ['admin'], "only an Admin edits the practice's profile");
    const profile =
      (await this.profiles.practice(this.db, actor.practiceId)) ?? emptyPractice(actor.practiceId);
    return this.practiceView(profile);
  }

  async updatePractice(actor: Actor, changes: PracticeProfileChanges): Promise<PracticeProfileView> {
    requireRole(actor, ['admin'], "only an Admin edits the practice's profile");
    const saved = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const current =
        (await this.profiles.practice(tx, actor.practiceId, true)) ?? emptyPractice(actor.practiceId);
      const next: PracticeProfile = { ...current, ...changes };
      const slug =
        next.slug ??
        (next.name === null
          ? null
          : await this.profiles.reserveSlug(
              tx,
              next.name,
              { kind: 'practice', practiceId: next.practiceId, providerId: null },
              now,
            ));
      await this.profiles.savePractice(tx, { ...next, slug }, now);
      return { ...next, slug };
    });
    return this.practiceView(saved);
  }

  private async read(practiceId: string, providerId: string): Promise<ProviderProfileView> {
    const profile =
      (await this.profiles.provider(this.db, practiceId, providerId)) ??
      emptyProviderProfile(practiceId, providerId);
    return view(profile);
  }

  private async write(
    actor: Actor,
    providerId: string,
    changes: ProviderProfileChanges,
  ): Promise<ProviderProfileView> {
    const saved = await this.db.transaction(async (tx) => {
      await this.profiles.lockProvider(tx, actor.practiceId, providerId);
      const now = this.clock.now();
      const current =
        (await this.profiles.provider(tx, actor.practiceId, providerId, true)) ??
        emptyProviderProfile(actor.practiceId, providerId);
      const next: ProviderProfile = { ...current, ...changes };
      // The slug is given once, from the first name; a later rename keeps it (docs/adr/0023).
      const slug =
        next.slug ??
        (next.displayName === null
          ? null
          : await this.profiles.reserveSlug(
              tx,
              next.displayName,
              { kind: 'provider', practiceId: actor.practiceId, providerId },
              now,
            ));
      await this.profiles.saveProvider(tx, { ...next, slug }, now);
      return this.publication.refresh(tx, { ...next, slug }, actor);
    });
    return view(saved);
  }

  /** Someone who is not a provider of the actor's practice is as unknown as an id that never existed. */
  private async requireProvider(db: Database, practiceId: string, providerId: string): Promise<void> {
    const providers = await this.practiceProviders.currentProviders(db, practiceId, [providerId]);
    if (!providers.has(providerId)) {
      throw new ArborError('not_found', 'no such provider in this practice');
    }
  }

  private async practiceView(profile: PracticeProfile): Promise<PracticeProfileView> {
    const enabled = await this.listing.enabled(this.db, profile.practiceId);
    return {
      ...profile,
      published: enabled && profile.listed && profile.name !== null && profile.slug !== null,
    };
  }
}

function view(profile: ProviderProfile): ProviderProfileView {
  return { ...profile, emptySections: emptySections(profile, HAS_PHOTO) };
}

function emptyPractice(practiceId: string): PracticeProfile {
  return {
    practiceId,
    name: null,
    description: null,
    address: null,
    phone: null,
    website: null,
    listed: false,
    slug: null,
  };
}
