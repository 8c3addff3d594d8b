import { Controller, Inject } from '@nestjs/common';
import {
  CreatePaymentProcessorRoute,
  CreateProcessorAccount,
  DeletePaymentProcessorRoute,
  DeleteProcessorAccount,
  ListPaymentProcessorsRoute,
  ListProcessorAccounts,
  TestPaymentProcessorRoute,
  TestProcessorAccount,
  UpdatePaymentProcessorRoute,
  UpdateProcessorAccount,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/** Admin → Billing → Setup → Payment Processors. Credentials go in; only masked values come out. */
@Controller()
export class PaymentProcessorsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(CreatePaymentProcessorRoute)
  create(
    @RouteInput() { body }: Input<typeof CreatePaymentProcessorRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof CreatePaymentProcessorRoute>> {
    return this.bus.send(CreateProcessorAccount, { actor, account: body });
  }

  @Endpoint(ListPaymentProcessorsRoute)
  list(
    @RouteInput() { query }: Input<typeof ListPaymentProcessorsRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListPaymentProcessorsRoute>> {
    return this.bus.send(ListProcessorAccounts, { ...query, actor });
  }

  @Endpoint(UpdatePaymentProcessorRoute)
  update(
    @RouteInput() { params, body }: Input<typeof UpdatePaymentProcessorRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdatePaymentProcessorRoute>> {
    return this.bus.send(UpdateProcessorAccount, { actor, id: params.id, changes: body });
  }

  @Endpoint(DeletePaymentProcessorRoute)
  async remove(
    @RouteInput() { params }: Input<typeof DeletePaymentProcessorRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.bus.send(DeleteProcessorAccount, { actor, id: params.id });
  }

  @Endpoint(TestPaymentProcessorRoute)
  test(
    @RouteInput() { params }: Input<typeof TestPaymentProcessorRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof TestPaymentProcessorRoute>> {
    return this.bus.send(TestProcessorAccount, { actor, id: params.id });
  }
}
