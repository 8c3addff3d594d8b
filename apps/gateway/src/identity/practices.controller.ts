import { Controller, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  CreatePractice,
  CreatePracticeRoute,
  InviteStaff,
  InviteStaffRoute,
  ListStaff,
  ListStaffRoute,
  UpdatePracticeSecurity,
  UpdatePracticeSecurityRoute,
  UpdateStaffRoles,
  UpdateStaffRolesRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { requestOrigin } from './request-origin';

/** Sign-up, and an Admin's work on the practice's people and security. */
@Controller()
export class PracticesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(CreatePracticeRoute)
  create(
    @RouteInput() { body }: Input<typeof CreatePracticeRoute>,
    @Req() request: FastifyRequest,
  ): Promise<RouteResponse<typeof CreatePracticeRoute>> {
    return this.bus.send(CreatePractice, { ...body, origin: requestOrigin(request) });
  }

  @Endpoint(InviteStaffRoute)
  invite(
    @RouteInput() { body }: Input<typeof InviteStaffRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof InviteStaffRoute>> {
    return this.bus.send(InviteStaff, { ...body, actor });
  }

  @Endpoint(ListStaffRoute)
  staff(
    @RouteInput() { query }: Input<typeof ListStaffRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListStaffRoute>> {
    return this.bus.send(ListStaff, { ...query, actor });
  }

  @Endpoint(UpdateStaffRolesRoute)
  updateRoles(
    @RouteInput() { params, body }: Input<typeof UpdateStaffRolesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdateStaffRolesRoute>> {
    return this.bus.send(UpdateStaffRoles, { ...body, userId: params.uid, actor });
  }

  @Endpoint(UpdatePracticeSecurityRoute)
  security(
    @RouteInput() { body }: Input<typeof UpdatePracticeSecurityRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdatePracticeSecurityRoute>> {
    return this.bus.send(UpdatePracticeSecurity, { ...body, actor });
  }
}
