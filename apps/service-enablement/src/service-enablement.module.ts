import { Module } from '@nestjs/common';
import { PracticeServicesModule } from './practice-services/practice-services.module';

/**
 * Per-practice services (Client Billing, Telehealth Video, …), who may use them, and the
 * `service.changed` events other services keep their local answers from.
 */
@Module({ imports: [PracticeServicesModule] })
export class ServiceEnablementModule {}
