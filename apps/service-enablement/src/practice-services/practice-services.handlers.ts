import { Controller } from '@nestjs/common';
import {
  ListServices,
  MembershipChanged,
  UpdateService,
  type DataOf,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { Handles, HandlesEvent } from '@arbor/messaging';
import { PracticeServicesService } from './practice-services.service';

@Controller()
export class PracticeServicesHandlers {
  constructor(private readonly services: PracticeServicesService) {}

  @Handles(ListServices)
  list({ actor }: PayloadOf<typeof ListServices>) {
    return this.services.list(actor);
  }

  @Handles(UpdateService)
  update({ actor, key, changes }: PayloadOf<typeof UpdateService>) {
    return this.services.update(actor, key, changes);
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    return this.services.membershipChanged(tx, { ...event.data, occurredAt: event.occurredAt });
  }
}
