import { Controller, Inject } from '@nestjs/common';
import {
  ListServices,
  ListServicesRoute,
  UpdateService,
  UpdateServiceRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/** Admin → Services: which services the practice has turned on, and for which providers. */
@Controller()
export class ServicesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(ListServicesRoute)
  list(@CurrentActor() actor: Actor): Promise<RouteResponse<typeof ListServicesRoute>> {
    return this.bus.send(ListServices, { actor });
  }

  @Endpoint(UpdateServiceRoute)
  update(
    @RouteInput() { params, body }: Input<typeof UpdateServiceRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdateServiceRoute>> {
    return this.bus.send(UpdateService, { actor, key: params.key, changes: body });
  }
}
