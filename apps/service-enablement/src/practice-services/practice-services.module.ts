import { Module } from '@nestjs/common';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { PracticeServicesHandlers } from './practice-services.handlers';
import { PracticeServicesRepository } from './practice-services.repository';
import { PracticeServicesService } from './practice-services.service';

@Module({
  controllers: [PracticeServicesHandlers],
  providers: [PracticeServicesService, PracticeServicesRepository, PracticeProvidersRepository],
})
export class PracticeServicesModule {}
