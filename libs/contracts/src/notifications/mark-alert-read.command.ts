import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';

/**
 * The owner marks one of their alerts read (`POST /me/alerts/{id}/read`, 204). Marking it again
 * keeps the first time; anyone else's alert, or another practice's, is `not_found`.
 */
export const MarkAlertRead = command('notifications.alert.mark-read.v1', {
  payload: z.object({ actor: Actor, alertId: Id }),
  reply: z.object({}),
});
