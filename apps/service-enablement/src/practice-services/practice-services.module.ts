import { Module } from '@nestjs/common';
import { PracticeServicesHandlers } from './practice-services.handlers';
import { PracticeServicesRepository } from './practice-services.repository';
import { PracticeServicesService } from './practice-services.service';

@Module({
  controllers: [PracticeServicesHandlers],
  providers: [PracticeServicesService, PracticeServicesRepository],
})
export class PracticeServicesModule {}
