import { Module } from '@nestjs/common';
import { ReadModelsHandlers } from './read-models.handlers';
import { ReadModelsRepository } from './read-models.repository';

@Module({
  controllers: [ReadModelsHandlers],
  providers: [ReadModelsRepository],
  exports: [ReadModelsRepository],
})
export class ReadModelsModule {}
