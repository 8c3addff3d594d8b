import { Injectable } from '@nestjs/common';
import { ProfilePublished, ProfileUnpublished, type AnyActor } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { emitEvent } from '@arbor/messaging';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { ListingServicesRepository } from '../read-models/read-models.repository';
import { isPublic, type ProviderProfile } from './profile';
import { ProfilesRepository } from './profiles.repository';

const SYSTEM: AnyActor = { system: 'directory' };

/**
 * Keeps each provider profile's `published` flag true exactly when it should be public, and says
 * so with `profile.published` / `profile.unpublished` through the outbox whenever it flips.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly listing: ListingServicesRepository,
    private readonly practiceProviders: PracticeProvidersRepository,
  ) {}

  /** Re-decides one locked profile inside the caller's transaction; answers it as it now is. */
  async refresh(tx: Transaction, profile: ProviderProfile, actor: AnyActor): Promise<ProviderProfile> {
    const [providers, listingEnabled] = await Promise.all([
      this.practiceProviders.currentProviders(tx, profile.practiceId, [profile.providerId]),
      this.listing.enabled(tx, profile.practiceId),
    ]);
    const published = isPublic({
      listed: profile.listed,
      hasSlug: profile.slug !== null,
      listingEnabled,
      isProvider: providers.has(profile.providerId),
    });
    if (published === profile.published || profile.slug === null) return { ...profile, published };
    await this.profiles.setPublished(tx, profile.practiceId, profile.providerId, published);
    const data = { practiceId: profile.practiceId, providerId: profile.providerId, slug: profile.slug };
    const meta = { practiceId: profile.practiceId, actor };
    if (published) await emitEvent(tx, ProfilePublished, data, meta);
    else await emitEvent(tx, ProfileUnpublished, data, meta);
    return { ...profile, published };
  }

  /** Directory Listing turned on or off: every provider of the practice is re-decided. */
  async listingChanged(
    tx: Transaction,
    change: { practiceId: string; enabled: boolean; asOf: Date },
  ): Promise<void> {
    await this.profiles.lockPractice(tx, change.practiceId);
    if (!(await this.listing.record(tx, change))) return;
    for (const profile of await this.profiles.providersOfPractice(tx, change.practiceId)) {
      await this.refresh(tx, profile, SYSTEM);
    }
  }

  /** Someone's roles changed: recorded (older news ignored), then their profile re-decided. */
  async membershipChanged(
    tx: Transaction,
    change: { practiceId: string; userId: string; roles: readonly string[]; occurredAt: string },
  ): Promise<void> {
    await this.profiles.lockProvider(tx, change.practiceId, change.userId);
    await this.practiceProviders.stoppedProviding(tx, change);
    const profile = await this.profiles.provider(tx, change.practiceId, change.userId, true);
    if (profile) await this.refresh(tx, profile, SYSTEM);
  }
}
