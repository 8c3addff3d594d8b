import { Module } from '@nestjs/common';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { ReadModelsHandlers } from '../read-models/read-models.handlers';
import { ListingServicesRepository } from '../read-models/read-models.repository';
import { ListingService } from './listing.service';
import { ProfilesHandlers } from './profiles.handlers';
import { ProfilesRepository } from './profiles.repository';
import { ProfilesService } from './profiles.service';
import { PublicationService } from './publication.service';

@Module({
  controllers: [ProfilesHandlers, ReadModelsHandlers],
  providers: [
    ProfilesService,
    ListingService,
    PublicationService,
    ProfilesRepository,
    ListingServicesRepository,
    PracticeProvidersRepository,
  ],
})
export class ProfilesModule {}
