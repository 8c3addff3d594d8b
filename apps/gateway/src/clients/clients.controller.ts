import { Controller, Inject } from '@nestjs/common';
import {
  ArchiveClient,
  ArchiveClientRoute,
  AssignClientProviders,
  AssignClientProvidersRoute,
  CreateClient,
  CreateClientRoute,
  GetClient,
  GetClientRoute,
  ListClients,
  ListClientsRoute,
  RestoreClient,
  RestoreClientRoute,
  SendClientInvitation,
  SendClientInvitationRoute,
  UpdateClient,
  UpdateClientRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/** The Clients tab and a client's Info section; client-records decides who sees which client. */
@Controller()
export class ClientsController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(CreateClientRoute)
  create(
    @RouteInput() { body }: Input<typeof CreateClientRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof CreateClientRoute>> {
    return this.bus.send(CreateClient, { actor, client: body });
  }

  @Endpoint(ListClientsRoute)
  list(
    @RouteInput() { query }: Input<typeof ListClientsRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListClientsRoute>> {
    return this.bus.send(ListClients, { ...query, actor });
  }

  @Endpoint(GetClientRoute)
  get(
    @RouteInput() { params }: Input<typeof GetClientRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetClientRoute>> {
    return this.bus.send(GetClient, { actor, clientId: params.cid });
  }

  @Endpoint(UpdateClientRoute)
  update(
    @RouteInput() { params, body }: Input<typeof UpdateClientRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof UpdateClientRoute>> {
    return this.bus.send(UpdateClient, { actor, clientId: params.cid, changes: body });
  }

  @Endpoint(AssignClientProvidersRoute)
  assignProviders(
    @RouteInput() { params, body }: Input<typeof AssignClientProvidersRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof AssignClientProvidersRoute>> {
    return this.bus.send(AssignClientProviders, {
      actor,
      clientId: params.cid,
      providerIds: body.providerIds,
    });
  }

  @Endpoint(ArchiveClientRoute)
  archive(
    @RouteInput() { params }: Input<typeof ArchiveClientRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ArchiveClientRoute>> {
    return this.bus.send(ArchiveClient, { actor, clientId: params.cid });
  }

  @Endpoint(RestoreClientRoute)
  restore(
    @RouteInput() { params }: Input<typeof RestoreClientRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof RestoreClientRoute>> {
    return this.bus.send(RestoreClient, { actor, clientId: params.cid });
  }

  @Endpoint(SendClientInvitationRoute)
  sendInvitation(
    @RouteInput() { params }: Input<typeof SendClientInvitationRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof SendClientInvitationRoute>> {
    return this.bus.send(SendClientInvitation, { actor, clientId: params.cid });
  }
}
