import { Controller } from '@nestjs/common';
import {
  AlertCreated,
  ListFailedEmailDeliveriesV2,
  UserEmailSet,
  UserInvitedV2,
  type DataOf,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import type { Transaction } from '@arbor/database';
import { ProcessesJob, type JobPayload, type JobRun } from '@arbor/jobs';
import { Handles, HandlesEvent } from '@arbor/messaging';
import { DeliverEmail } from './deliver-email.job';
import { EmailPrepared } from './email-prepared.event';
import { EmailService } from './email.service';

@Controller()
export class EmailHandlers {
  constructor(private readonly email: EmailService) {}

  // The service's own event: it left the outbox only because the alert and its delivery committed.
  @HandlesEvent(AlertCreated)
  onAlertCreated(event: EventEnvelope<DataOf<typeof AlertCreated>>, tx: Transaction): Promise<void> {
    return this.email.enqueueFor(tx, event.data.alert.id);
  }

  @HandlesEvent(EmailPrepared)
  onEmailPrepared(event: EventEnvelope<DataOf<typeof EmailPrepared>>, tx: Transaction): Promise<void> {
    return this.email.enqueuePrepared(tx, event.data.deliveryId);
  }

  @HandlesEvent(UserEmailSet)
  onUserEmailSet(event: EventEnvelope<DataOf<typeof UserEmailSet>>, tx: Transaction): Promise<void> {
    return this.email.recordAddress(tx, event);
  }

  @HandlesEvent(UserInvitedV2)
  onUserInvited(event: EventEnvelope<DataOf<typeof UserInvitedV2>>, tx: Transaction): Promise<void> {
    return this.email.prepareInvitation(tx, event);
  }

  @ProcessesJob(DeliverEmail)
  deliver({ deliveryId }: JobPayload<typeof DeliverEmail>, run: JobRun): Promise<void> {
    return this.email.deliver(deliveryId, run);
  }

  @Handles(ListFailedEmailDeliveriesV2)
  listFailed({ actor, limit, cursor }: PayloadOf<typeof ListFailedEmailDeliveriesV2>) {
    return this.email.listFailed(actor, { limit, cursor });
  }
}
