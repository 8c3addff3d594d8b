import { Controller } from '@nestjs/common';
import {
  GetOwnProfile,
  GetPracticeProfile,
  GetProviderProfile,
  ListPublicPages,
  PracticeBySlug,
  ProviderBySlug,
  SearchListing,
  UpdateOwnProfile,
  UpdatePracticeProfile,
  UpdateProviderProfile,
  type PayloadOf,
} from '@arbor/contracts';
import { Handles } from '@arbor/messaging';
import { ListingService } from './listing.service';
import { ProfilesService } from './profiles.service';

@Controller()
export class ProfilesHandlers {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly listing: ListingService,
  ) {}

  @Handles(GetOwnProfile)
  getOwn({ actor }: PayloadOf<typeof GetOwnProfile>) {
    return this.profiles.getOwn(actor);
  }

  @Handles(UpdateOwnProfile)
  updateOwn({ actor, changes }: PayloadOf<typeof UpdateOwnProfile>) {
    return this.profiles.updateOwn(actor, changes);
  }

  @Handles(GetProviderProfile)
  getProvider({ actor, providerId }: PayloadOf<typeof GetProviderProfile>) {
    return this.profiles.getProvider(actor, providerId);
  }

  @Handles(UpdateProviderProfile)
  updateProvider({ actor, providerId, changes }: PayloadOf<typeof UpdateProviderProfile>) {
    return this.profiles.updateProvider(actor, providerId, changes);
  }

  @Handles(GetPracticeProfile)
  getPractice({ actor }: PayloadOf<typeof GetPracticeProfile>) {
    return this.profiles.getPractice(actor);
  }

  @Handles(UpdatePracticeProfile)
  updatePractice({ actor, changes }: PayloadOf<typeof UpdatePracticeProfile>) {
    return this.profiles.updatePractice(actor, changes);
  }

  @Handles(SearchListing)
  search(params: PayloadOf<typeof SearchListing>) {
    return this.listing.search(params);
  }

  @Handles(ProviderBySlug)
  providerBySlug({ slug }: PayloadOf<typeof ProviderBySlug>) {
    return this.listing.providerBySlug(slug);
  }

  @Handles(PracticeBySlug)
  practiceBySlug({ slug }: PayloadOf<typeof PracticeBySlug>) {
    return this.listing.practiceBySlug(slug);
  }

  @Handles(ListPublicPages)
  publicPages(params: PayloadOf<typeof ListPublicPages>) {
    return this.listing.publicPages(params);
  }
}
