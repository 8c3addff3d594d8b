import { Controller, Inject } from '@nestjs/common';
import {
  ArborError,
  CheckReadiness,
  GetHealthRoute,
  GetServicesHealthRoute,
  type RouteResponse,
  type ServicesHealth,
} from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS, GATEWAY_CONFIG } from '../gateway.tokens';
import type { GatewayConfig } from '../gateway.config';
import { Endpoint } from '../openapi/endpoint.decorator';

/**
 * The platform's health as a user of it would see it: can the gateway reach each service over
 * the bus? The public answer says only up or down (which services exist and how they fail is a
 * map for an attacker); the per-service detail is for a signed-in Admin, and in full on each
 * app's ops port.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(GATEWAY_BUS) private readonly bus: BusClient,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Endpoint(GetHealthRoute)
  async health(): Promise<RouteResponse<typeof GetHealthRoute>> {
    if (!(await this.gather()).ready) {
      throw new ArborError('service_unavailable', 'not every service is ready');
    }
    return { status: 'up' };
  }

  @Endpoint(GetServicesHealthRoute)
  services(): Promise<ServicesHealth> {
    return this.gather();
  }

  private async gather(): Promise<ServicesHealth> {
    const services: ServicesHealth['services'] = {};
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
    return { ready: this.config.services.every((service) => services[service]?.ready), services };
  }
}
