import { z } from 'zod';
import { event, Id } from '@arbor/contracts';

/**
 * notifications' own event, heard by notifications alone (so it lives here, not in the shared
 * contracts): an email delivery not tied to an alert (an invitation's) was written. Its handler
 * enqueues the delivery job: the job reads the row, so it is enqueued only once the row's commit
 * is announced (ADR 0013), as alert.created does for the emails of alerts.
 */
export const EmailPrepared = event('notifications.email-delivery.prepared.v1', {
  data: z.object({ deliveryId: Id }),
});
