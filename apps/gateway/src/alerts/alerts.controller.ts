import { Controller, Inject, NotAcceptableException, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ListAlerts,
  ListMyAlertsRoute,
  MarkAlertRead,
  MarkMyAlertReadRoute,
  StreamMyAlertsRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
  type SessionActor,
} from '@arbor/contracts';
import { CurrentActor, CurrentSession, type AuthenticatedRequest } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';
import { AlertStreamHub } from './alert-stream.hub';
import { acceptsEventStream, openAlertStream } from './alert-stream';

/** The signed-in person's alerts: listed and marked read by notifications, pushed by this replica. */
@Controller()
export class AlertsController {
  constructor(
    @Inject(GATEWAY_BUS) private readonly bus: BusClient,
    private readonly hub: AlertStreamHub,
  ) {}

  @Endpoint(ListMyAlertsRoute)
  list(
    @RouteInput() { query }: Input<typeof ListMyAlertsRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListMyAlertsRoute>> {
    return this.bus.send(ListAlerts, { ...query, actor });
  }

  @Endpoint(MarkMyAlertReadRoute)
  async markRead(
    @RouteInput() { params }: Input<typeof MarkMyAlertReadRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    await this.bus.send(MarkAlertRead, { actor, alertId: params.id });
  }

  @Endpoint(StreamMyAlertsRoute)
  stream(
    @CurrentSession() session: SessionActor,
    @Req() request: FastifyRequest & AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): void {
    // Without it the caller did not ask for a stream, and would wait on an answer that never ends.
    if (!acceptsEventStream(request.headers.accept)) throw new NotAcceptableException();
    const expiresAt = (request.auth?.claims.exp ?? 0) * 1000;
    openAlertStream(request, reply, {
      hub: this.hub,
      owner: session,
      expiresAt,
    });
  }
}
