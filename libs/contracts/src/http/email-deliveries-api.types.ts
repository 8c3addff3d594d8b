import { z } from 'zod';
import { Id } from '../common';
import {
  FailedEmailDeliveryPageV2,
  ListFailedEmailDeliveriesQuery,
} from '../notifications/list-failed-email-deliveries-v2.query';
import { route } from './route.types';

export const ListFailedEmailDeliveriesRoute = route({
  operationId: 'listFailedEmailDeliveries',
  method: 'GET',
  path: '/api/v1/practices/{pid}/email-deliveries/failed',
  summary: 'Emails Arbor could not deliver after its last try (alerts and invitations), newest failure first',
  description:
    'To whom, about what (`about`: an alert, or a staff or client-portal invitation), how many ' +
    'tries, and the mail server’s last answer. Another practice’s emails are never listed.',
  tags: ['Email deliveries'],
  access: ['admin'],
  params: z.object({ pid: Id }),
  query: ListFailedEmailDeliveriesQuery,
  responses: { 200: FailedEmailDeliveryPageV2 },
});

export const EMAIL_DELIVERIES_ROUTES = [ListFailedEmailDeliveriesRoute] as const;
