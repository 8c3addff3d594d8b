import { z } from 'zod';
import { Id, IsoDateTime } from '../common';

/**
 * What an alert is about. Alerts are shown to whoever is signed in, on any screen, and emailed:
 * their text never says what an invoice is for or how much it is (that stays behind the login).
 */
export const AlertKind = z.enum(['invoice.sent', 'invoice.receipt', 'invoice.paid']);
export type AlertKind = z.infer<typeof AlertKind>;

/** One alert as its owner sees it; `link` is a path of the web app, `readAt` null while unread. */
export const AlertView = z.object({
  id: Id,
  kind: AlertKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: IsoDateTime,
  readAt: IsoDateTime.nullable(),
});
export type AlertView = z.infer<typeof AlertView>;
