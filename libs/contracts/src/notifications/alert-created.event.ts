import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';
import { AlertView } from './alert.types';

/**
 * An alert was made for someone (the gateway pushes it to their open streams). It carries the
 * alert as its owner sees it: alert text never holds health or money details, so the bus may.
 */
export const AlertCreated = event('notifications.alert.created.v1', {
  data: z.object({ practiceId: Id, userId: Id, alert: AlertView }),
});
