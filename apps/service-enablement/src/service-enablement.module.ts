import { Module } from '@nestjs/common';

/**
 * Per-practice services (Client Billing, Telehealth Video, …), who may use them, and the
 * `service.changed` events other services keep their local answers from. The catalogue and its
 * handlers arrive with the Services tab issue; the service already runs on the bus, answers
 * readiness and relays its outbox.
 */
@Module({})
export class ServiceEnablementModule {}
