import { Controller } from '@nestjs/common';
import { MembershipChanged, PracticeCreated, type DataOf, type EventEnvelope } from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { HandlesEvent } from '@arbor/messaging';
import { PeopleRepository } from './people.repository';

/** Keeps, from identity's events, each practice's name and who its members and portal users are. */
@Controller()
export class PeopleHandlers {
  constructor(private readonly people: PeopleRepository) {}

  @HandlesEvent(PracticeCreated)
  onPracticeCreated(event: EventEnvelope<DataOf<typeof PracticeCreated>>, tx: Transaction): Promise<void> {
    return this.people.recordPractice(tx, { practiceId: event.data.practiceId, name: event.data.name });
  }

  @HandlesEvent(MembershipChanged)
  onMembershipChanged(
    event: EventEnvelope<DataOf<typeof MembershipChanged>>,
    tx: Transaction,
  ): Promise<void> {
    return this.people.recordMember(tx, { ...event.data, asOf: new Date(event.occurredAt) });
  }
}
