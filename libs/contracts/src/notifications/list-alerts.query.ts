import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { AlertView } from './alert.types';

/** Alerts are listed newest first; a cursor holds the time and id of the last one shown. */
export const AlertCursor = cursorCodec(
  'notifications.alert',
  z.strictObject({ createdAt: IsoDateTime, id: Id }),
);
export const ListAlertsQuery = pageQuery(AlertCursor);
export const AlertPage = Page(AlertView);

/** The signed-in person's alerts in the practice they act in, newest first (`GET /me/alerts`). */
export const ListAlerts = query('notifications.alert.list.v1', {
  payload: pageRequest(AlertCursor).extend({ actor: Actor }),
  reply: AlertPage,
});
