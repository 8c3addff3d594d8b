import { Controller, Inject } from '@nestjs/common';
import {
  AddAddendum,
  AddAddendumRoute,
  AddNote,
  AddNoteRoute,
  GetNote,
  GetNoteRoute,
  ListNoteAccess,
  ListNoteAccessRoute,
  ListNotes,
  ListNotesRoute,
  ListPortalNotes,
  ListPortalNotesRoute,
  type Actor,
  type RouteInput as Input,
  type RouteResponse,
} from '@arbor/contracts';
import { CurrentActor } from '@arbor/auth';
import type { BusClient } from '@arbor/messaging';
import { GATEWAY_BUS } from '../gateway.tokens';
import { Endpoint, RouteInput } from '../openapi/endpoint.decorator';

/**
 * A client's profile → Notes, and the portal's shared notes. Who may read which note is the notes
 * service's rule alone; the gateway only checks the route's roles and the practice.
 */
@Controller()
export class NotesController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusClient) {}

  @Endpoint(AddNoteRoute)
  add(
    @RouteInput() { params, body }: Input<typeof AddNoteRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof AddNoteRoute>> {
    return this.bus.send(AddNote, { actor, clientId: params.cid, note: body });
  }

  @Endpoint(ListNotesRoute)
  list(
    @RouteInput() { params, query }: Input<typeof ListNotesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListNotesRoute>> {
    return this.bus.send(ListNotes, { ...query, actor, clientId: params.cid });
  }

  @Endpoint(ListNoteAccessRoute)
  accessLog(
    @RouteInput() { params, query }: Input<typeof ListNoteAccessRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListNoteAccessRoute>> {
    return this.bus.send(ListNoteAccess, { ...query, actor, clientId: params.cid });
  }

  @Endpoint(GetNoteRoute)
  get(
    @RouteInput() { params }: Input<typeof GetNoteRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof GetNoteRoute>> {
    return this.bus.send(GetNote, { actor, clientId: params.cid, noteId: params.nid });
  }

  @Endpoint(AddAddendumRoute)
  addAddendum(
    @RouteInput() { params, body }: Input<typeof AddAddendumRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof AddAddendumRoute>> {
    return this.bus.send(AddAddendum, {
      actor,
      clientId: params.cid,
      noteId: params.nid,
      addendum: body,
    });
  }

  @Endpoint(ListPortalNotesRoute)
  portal(
    @RouteInput() { query }: Input<typeof ListPortalNotesRoute>,
    @CurrentActor() actor: Actor,
  ): Promise<RouteResponse<typeof ListPortalNotesRoute>> {
    return this.bus.send(ListPortalNotes, { ...query, actor });
  }
}
