import { Controller, Inject } from '@nestjs/common';
import {
  GetSalesTax,
  GetSalesTaxRoute,
  UpdateSalesTax,
  UpdateSalesTaxRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/** Admin → Billing → Setup → Sales Tax. */
@Controller()
export class SalesTaxController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(GetSalesTaxRoute)
  async get(@CurrentActor() actor: Actor): Promise<RouteResponse<typeof GetSalesTaxRoute>> {
    const { settings, statewideBaseRates } = await this.bus.send(GetSalesTax, { actor });
    return { ...settings, statewideBaseRates };
  }

  @Endpoint(UpdateSalesTaxRoute)
  update(
    @RouteInput() { body }: Input<typeof UpdateSalesTaxRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdateSalesTaxRoute>> {
    return this.bus.send(UpdateSalesTax, { actor, settings: body });
  }
}
