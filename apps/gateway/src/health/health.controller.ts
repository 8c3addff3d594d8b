import { Controller, Get, Inject } from '@nestjs/common';
import { ArborError, CheckReadiness, HealthReport } from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS, GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../gateway.config';
import { Public } from '@arbor/auth';
import { Documented } from '../openapi/api-doc.decorator';

/** The platform's health as a user of it would see it: can the gateway reach each service over the bus? */
@Controller('api/v1')
export class HealthController {
  constructor(
    @Inject(GATEWAY_BUS) private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('health')
  @Public()
  @Documented({
    summary: "Each service's readiness, gathered over the message bus",
    tags: ['System'],
    responses: { 200: HealthReport, 503: 'problem' },
  })
  async health(): Promise<HealthReport> {
    const services: HealthReport['services'] = {};
    await Promise.all(
      this.config.services.map(async (service) => {
        try {
          const { ready, checks } = await this.bus.send(CheckReadiness, {}, { to: service });
          services[service] = { ready, checks };
        } catch (error) {
          services[service] = {
            ready: false,
            error: error instanceof ArborError ? error.message : 'no answer',
          };
        }
      }),
    );
    const down = this.config.services.filter((service) => !services[service]?.ready);
    if (down.length > 0) {
      throw new ArborError('service_unavailable', `not ready: ${down.join(', ')}`, { services });
    }
    return { status: 'ok', services };
  }
}
