import { Controller, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  ChangePassword,
  ChangePasswordRoute,
  ConfirmMfaEnrolment,
  ConfirmMfaEnrolmentRoute,
  GetMe,
  GetMeRoute,
  StartMfaEnrolment,
  StartMfaEnrolmentRoute,
  type RouteInput as Input,
  type RouteResponse,
  type SessionActor,
} from '@arbor/contracts';
import { CurrentSession } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { requestOrigin } from './request-origin';

/** The signed-in person: who they are, their MFA, their password. */
@Controller()
export class MeController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(GetMeRoute)
  me(@CurrentSession() actor: SessionActor): Promise<RouteResponse<typeof GetMeRoute>> {
    return this.bus.send(GetMe, { actor });
  }

  @Endpoint(StartMfaEnrolmentRoute)
  startMfa(@CurrentSession() actor: SessionActor): Promise<RouteResponse<typeof StartMfaEnrolmentRoute>> {
    return this.bus.send(StartMfaEnrolment, { actor });
  }

  @Endpoint(ConfirmMfaEnrolmentRoute)
  confirmMfa(
    @RouteInput() { body }: Input<typeof ConfirmMfaEnrolmentRoute>,
    @CurrentSession() actor: SessionActor,
  ): Promise<RouteResponse<typeof ConfirmMfaEnrolmentRoute>> {
    return this.bus.send(ConfirmMfaEnrolment, { ...body, actor });
  }

  @Endpoint(ChangePasswordRoute)
  async changePassword(
    @RouteInput() { body }: Input<typeof ChangePasswordRoute>,
    @CurrentSession() actor: SessionActor,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.bus.send(ChangePassword, { ...body, actor, origin: requestOrigin(request) });
  }
}
