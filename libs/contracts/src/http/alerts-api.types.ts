import { z } from 'zod';
import { Id } from '../common';
import { AlertPage, ListAlertsQuery } from '../notifications/list-alerts.query';
import { AlertView } from '../notifications/alert.types';
import { route } from './route.types';

/**
 * One event of `GET /me/alerts/stream`: `event: alert`, its `data` one {@link AlertView} as JSON.
 * Between alerts the stream sends a comment line (`: heartbeat`) so proxies keep it open.
 */
export const ALERT_STREAM_EVENT = 'alert';
export const AlertStreamEvent = AlertView;
export type AlertStreamEvent = z.infer<typeof AlertStreamEvent>;

/**
 * The stream's last event when the session that opened it ends (signed out here or elsewhere,
 * revoked): `event: session-ended`, `data: {}`. Unlike a dropped connection, reconnecting is no use:
 * sign in again.
 */
export const SESSION_ENDED_STREAM_EVENT = 'session-ended';

/** The media type the stream answers; a request must accept it (else 406). */
export const EVENT_STREAM_MEDIA_TYPE = 'text/event-stream';

export const ListMyAlertsRoute = route({
  operationId: 'listMyAlerts',
  method: 'GET',
  path: '/api/v1/me/alerts',
  summary: 'The signed-in person’s alerts in the practice they act in, newest first, a page at a time',
  tags: ['Alerts'],
  access: ['admin', 'provider', 'client'],
  query: ListAlertsQuery,
  responses: { 200: AlertPage },
});

export const MarkMyAlertReadRoute = route({
  operationId: 'markMyAlertRead',
  method: 'POST',
  path: '/api/v1/me/alerts/{id}/read',
  summary: 'Mark one of the caller’s own alerts read (again: keeps the first time)',
  description: 'Anyone else’s alert answers 404, as if it did not exist.',
  tags: ['Alerts'],
  access: ['admin', 'provider', 'client'],
  params: z.object({ id: Id }),
  responses: { 204: null },
});

export const StreamMyAlertsRoute = route({
  operationId: 'streamMyAlerts',
  method: 'GET',
  path: '/api/v1/me/alerts/stream',
  summary: 'Server-Sent Events (text/event-stream): one `alert` event per new alert of the caller',
  description:
    'Answers `text/event-stream` (send `Accept: text/event-stream`; anything else answers 406). ' +
    'Each new alert of the signed-in person in the practice they act in arrives as `event: alert` ' +
    'with `id:` the alert id and `data:` the alert as JSON (the schema below); comment lines are ' +
    'heartbeats. The stream ends when the access token expires: refresh and reconnect, then list ' +
    '`/me/alerts` for anything missed. When the session ends (signed out from any tab, revoked: ' +
    'password changed, removed from the practice), its last event is `event: session-ended` with ' +
    '`data: {}`: do not reconnect, sign in again. Browsers read it with `fetch` and the ' +
    '`Authorization` header (`EventSource` cannot send one); a token never goes ' +
    'into the URL.',
  tags: ['Alerts'],
  access: ['admin', 'provider', 'client'],
  responses: { 200: AlertStreamEvent },
});

export const ALERTS_ROUTES = [ListMyAlertsRoute, MarkMyAlertReadRoute, StreamMyAlertsRoute] as const;
