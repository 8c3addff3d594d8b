import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageRequest } from '../http/page.types';
import { AlertKind } from './alert.types';

/**
 * An email that was not delivered after its last try: to whom, about what (the alert's kind and
 * the email's subject, which say no more than the alert), how many tries, and the mail server's
 * last answer, for an Admin to act on (fix the address, the mail server, tell the person).
 */
export const FailedEmailDeliveryView = z.object({
  id: Id,
  userId: Id,
  alertId: Id,
  kind: AlertKind,
  to: z.string(),
  subject: z.string(),
  attempts: z.number().int().positive(),
  lastError: z.string(),
  createdAt: IsoDateTime,
  failedAt: IsoDateTime,
});
export type FailedEmailDeliveryView = z.infer<typeof FailedEmailDeliveryView>;

/** Failed deliveries are listed newest failure first; a cursor holds its time and id. */
export const FailedEmailDeliveryCursor = cursorCodec(
  'notifications.failed-email-delivery',
  z.strictObject({ failedAt: IsoDateTime, id: Id }),
);
export const FailedEmailDeliveryPage = Page(FailedEmailDeliveryView);

/** Admin: the practice's emails that could not be delivered, newest failure first. */
export const ListFailedEmailDeliveries = query('notifications.email-delivery.list-failed.v1', {
  payload: pageRequest(FailedEmailDeliveryCursor).extend({ actor: Actor }),
  reply: FailedEmailDeliveryPage,
});
