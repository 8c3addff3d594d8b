import { Controller } from '@nestjs/common';
import { MembershipChanged, ServiceChanged, type DataOf, type EventEnvelope } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { HandlesEvent } from '@arbor/messaging';
import { PublicationService } from '../profiles/publication.service';

/**
 * Identity's memberships and service-enablement's Directory Listing, each applied in the event's
 * inbox transaction, then the affected profiles' public state brought up to date.
 */
@Controller()
export class ReadModelsHandlers {
  constructor(private readonly publication: PublicationService) {}

  @HandlesEvent(ServiceChanged)
  async onServiceChanged(
    event: EventEnvelope<DataOf<typeof ServiceChanged>>,
    tx: Transaction,
  ): Promise<void> {
    // Only Directory Listing decides who is listed; the other services' changes are not ours.
    if (event.data.key !== 'directory_listing') return;
    await this.publication.listingChanged(tx, {
      practiceId: event.data.practiceId,
      enabled: event.data.enabled,
      asOf: new Date(event.occurredAt),
    });
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    const { practiceId, userId, roles } = event.data;
    return this.publication.membershipChanged(tx, {
      practiceId,
      userId,
      roles,
      occurredAt: event.occurredAt,
    });
  }
}
