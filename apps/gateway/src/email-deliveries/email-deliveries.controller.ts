import { Controller, Inject } from '@nestjs/common';
import {
  ListFailedEmailDeliveriesRoute,
  ListFailedEmailDeliveriesV2,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/**
 * Emails Arbor could not deliver, for the practice's Admins. Notifications lists them for the
 * actor's own practice only; the gateway checks the route's role and that `pid` is that practice.
 */
@Controller()
export class EmailDeliveriesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(ListFailedEmailDeliveriesRoute)
  listFailed(
    @RouteInput() { query }: Input<typeof ListFailedEmailDeliveriesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListFailedEmailDeliveriesRoute>> {
    return this.bus.send(ListFailedEmailDeliveriesV2, { ...query, actor });
  }
}
