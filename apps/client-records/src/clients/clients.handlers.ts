import { Controller } from '@nestjs/common';
import {
  ArchiveClient,
  AssignClientProviders,
  CreateClient,
  GetClient,
  ListClients,
  MembershipChanged,
  RestoreClient,
  SendClientInvitation,
  UpdateClient,
  type DataOf,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { Handles, HandlesEvent } from '@arbor/messaging';
import { ClientsService } from './clients.service';

@Controller()
export class ClientsHandlers {
  constructor(private readonly clients: ClientsService) {}

  @Handles(CreateClient)
  create({ actor, client }: PayloadOf<typeof CreateClient>) {
    return this.clients.create(actor, client);
  }

  @Handles(ListClients)
  list({ actor, ...request }: PayloadOf<typeof ListClients>) {
    return this.clients.list(actor, request);
  }

  @Handles(GetClient)
  get({ actor, clientId }: PayloadOf<typeof GetClient>) {
    return this.clients.get(actor, clientId);
  }

  @Handles(UpdateClient)
  update({ actor, clientId, changes }: PayloadOf<typeof UpdateClient>) {
    return this.clients.update(actor, clientId, changes);
  }

  @Handles(AssignClientProviders)
  assignProviders({ actor, clientId, providerIds }: PayloadOf<typeof AssignClientProviders>) {
    return this.clients.assignProviders(actor, clientId, providerIds);
  }

  @Handles(ArchiveClient)
  archive({ actor, clientId }: PayloadOf<typeof ArchiveClient>) {
    return this.clients.archive(actor, clientId);
  }

  @Handles(RestoreClient)
  restore({ actor, clientId }: PayloadOf<typeof RestoreClient>) {
    return this.clients.restore(actor, clientId);
  }

  @Handles(SendClientInvitation)
  sendInvitation({ actor, clientId }: PayloadOf<typeof SendClientInvitation>) {
    return this.clients.sendInvitation(actor, clientId);
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    return this.clients.membershipChanged(tx, { ...event.data, occurredAt: event.occurredAt });
  }
}
