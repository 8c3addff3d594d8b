import { Controller } from '@nestjs/common';
import {
  ClientArchived,
  ClientCreated,
  ClientProvidersAssigned,
  ClientRestored,
  ClientUpdated,
  MembershipChanged,
  ServiceChanged,
  type DataOf,
  type EventEnvelope,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { HandlesEvent } from '@arbor/messaging';
import { ReadModelsRepository } from './read-models.repository';

type Client = EventEnvelope<DataOf<typeof ClientUpdated>>;

/**
 * Keeps invoicing's views of who may bill, each client's state and providers, and who each portal
 * account is, from the other services' events; each applied in the event's inbox transaction.
 */
@Controller()
export class ReadModelsHandlers {
  constructor(private readonly readModels: ReadModelsRepository) {}

  @HandlesEvent(ServiceChanged)
  async onServiceChanged(
    event: EventEnvelope<DataOf<typeof ServiceChanged>>,
    tx: Transaction,
  ): Promise<void> {
    // Only Client Billing decides who may bill; the other services' changes are not invoicing's.
    if (event.data.key !== 'client_billing') return;
    await this.readModels.recordBillingService(tx, {
      practiceId: event.data.practiceId,
      enabled: event.data.enabled,
      providerIds: event.data.providerIds,
      asOf: new Date(event.occurredAt),
    });
  }

  @HandlesEvent(ClientCreated)
  onClientCreated(event: EventEnvelope<DataOf<typeof ClientCreated>>, tx: Transaction): Promise<void> {
    return this.readModels.recordClient(tx, event.data);
  }

  @HandlesEvent(ClientProvidersAssigned)
  onProvidersAssigned(
    event: EventEnvelope<DataOf<typeof ClientProvidersAssigned>>,
    tx: Transaction,
  ): Promise<void> {
    return this.readModels.recordClient(tx, event.data);
  }

  @HandlesEvent(ClientUpdated)
  onClientUpdated(event: Client, tx: Transaction): Promise<void> {
    return this.readModels.recordClient(tx, stateOf(event));
  }

  @HandlesEvent(ClientArchived)
  onClientArchived(event: EventEnvelope<DataOf<typeof ClientArchived>>, tx: Transaction): Promise<void> {
    return this.readModels.recordClient(tx, event.data);
  }

  @HandlesEvent(ClientRestored)
  onClientRestored(event: EventEnvelope<DataOf<typeof ClientRestored>>, tx: Transaction): Promise<void> {
    return this.readModels.recordClient(tx, event.data);
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    const { practiceId, userId, roles, clientId } = event.data;
    return this.readModels.recordPortalAccount(tx, {
      practiceId,
      userId,
      // Someone who no longer holds the Client role has no portal account here, whatever link remains.
      clientId: roles.includes('client') ? clientId : null,
      asOf: new Date(event.occurredAt),
    });
  }
}

/** client.updated also names the fields that changed: invoicing keeps only the state. */
function stateOf(event: Client) {
  const { practiceId, clientId, status, taxState, revision } = event.data;
  return { practiceId, clientId, status, taxState, revision };
}
