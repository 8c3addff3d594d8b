import { Controller, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  AcceptInvitation,
  AcceptInvitationRoute,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { requestOrigin } from './request-origin';

/** Staff and client-portal invitations, accepted with a password. */
@Controller()
export class InvitationsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(AcceptInvitationRoute)
  accept(
    @RouteInput() { params, body }: Input<typeof AcceptInvitationRoute>,
    @Req() request: FastifyRequest,
  ): Promise<RouteResponse<typeof AcceptInvitationRoute>> {
    return this.bus.send(AcceptInvitation, { ...body, token: params.token, origin: requestOrigin(request) });
  }
}
