import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { InvitationKind } from '../identity/user-invited-v2.event';
import { AlertKind } from './alert.types';

/**
 * What an undelivered email was about: an alert of one person (its kind and id), or an
 * invitation (staff or client portal) whose invitee has no account yet, so no person's id.
 */
export const FailedEmailAbout = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), alertKind: AlertKind, alertId: Id, userId: Id }),
  z.object({ kind: z.literal('invitation'), invitationKind: InvitationKind, invitationId: Id }),
]);
export type FailedEmailAbout = z.infer<typeof FailedEmailAbout>;

/**
 * An email that was not delivered after its last try: to whom, about what (`about`, and the
 * email's subject, which says no more than the alert or invitation), how many tries, and the mail
 * server's last answer, for an Admin to act on (fix the address or the mail server, tell the
 * person, invite again). v1 named an alert and a person only, so invitation emails could not be
 * listed; v2 covers both, and v1 is gone (nothing called it).
 */
export const FailedEmailDeliveryViewV2 = z.object({
  id: Id,
  to: z.string(),
  subject: z.string(),
  about: FailedEmailAbout,
  attempts: z.number().int().positive(),
  lastError: z.string(),
  createdAt: IsoDateTime,
  failedAt: IsoDateTime,
});
export type FailedEmailDeliveryViewV2 = z.infer<typeof FailedEmailDeliveryViewV2>;

/** Failed deliveries are listed newest failure first; a cursor holds its time and id. */
export const FailedEmailDeliveryCursor = cursorCodec(
  'notifications.failed-email-delivery',
  z.strictObject({ failedAt: IsoDateTime, id: Id }),
);
export const FailedEmailDeliveryPageV2 = Page(FailedEmailDeliveryViewV2);
/** `?limit=&cursor=` as the gateway validates it. */
export const ListFailedEmailDeliveriesQuery = pageQuery(FailedEmailDeliveryCursor);

/** Admin: the practice's emails (alerts and invitations) that could not be delivered, newest failure first. */
export const ListFailedEmailDeliveriesV2 = query('notifications.email-delivery.list-failed.v2', {
  payload: pageRequest(FailedEmailDeliveryCursor).extend({ actor: Actor }),
  reply: FailedEmailDeliveryPageV2,
});
