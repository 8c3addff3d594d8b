import { z } from 'zod';
import { Id } from '@arbor/contracts';
import { job } from '@arbor/jobs';

/**
 * Sends one email delivery (its row says what and to whom). Enqueued with the delivery's id as
 * the job id; the retries and their backoff come from the service's email settings.
 */
export const DeliverEmail = job('notifications.email.deliver.v1', z.object({ deliveryId: Id }));
