import { Controller } from '@nestjs/common';
import {
  AddAddendum,
  AddNote,
  ClientCreated,
  ClientProvidersAssigned,
  GetNote,
  ListNoteAccess,
  ListNotes,
  ListPortalNotes,
  MembershipChanged,
  type DataOf,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { Handles, HandlesEvent } from '@arbor/messaging';
import { NotesService } from './notes.service';

@Controller()
export class NotesHandlers {
  constructor(private readonly notes: NotesService) {}

  @Handles(AddNote)
  add({ actor, clientId, note }: PayloadOf<typeof AddNote>) {
    return this.notes.addNote(actor, clientId, note);
  }

  @Handles(AddAddendum)
  addAddendum({ actor, clientId, noteId, addendum }: PayloadOf<typeof AddAddendum>) {
    return this.notes.addAddendum(actor, clientId, noteId, addendum);
  }

  @Handles(ListNotes)
  list({ actor, clientId, limit, cursor }: PayloadOf<typeof ListNotes>) {
    return this.notes.list(actor, clientId, { limit, cursor });
  }

  @Handles(GetNote)
  get({ actor, clientId, noteId }: PayloadOf<typeof GetNote>) {
    return this.notes.get(actor, clientId, noteId);
  }

  @Handles(ListPortalNotes)
  portal({ actor, limit, cursor }: PayloadOf<typeof ListPortalNotes>) {
    return this.notes.listPortal(actor, { limit, cursor });
  }

  @Handles(ListNoteAccess)
  accessLog({ actor, clientId, limit, cursor }: PayloadOf<typeof ListNoteAccess>) {
    return this.notes.accessLog(actor, clientId, { limit, cursor });
  }

  // A new client's providers come with client.created and again with client.providers-assigned:
  // either, in any order, leaves the latest revision.
  @HandlesEvent(ClientCreated)
  onClientCreated(event: EventEnvelope<DataOf<typeof ClientCreated>>, tx: Transaction): Promise<void> {
    return this.notes.assignmentsChanged(tx, event.data);
  }

  @HandlesEvent(ClientProvidersAssigned)
  onProvidersAssigned(
    event: EventEnvelope<DataOf<typeof ClientProvidersAssigned>>,
    tx: Transaction,
  ): Promise<void> {
    return this.notes.assignmentsChanged(tx, event.data);
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    return this.notes.membershipChanged(tx, { ...event.data, occurredAt: event.occurredAt });
  }
}
