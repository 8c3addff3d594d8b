import { z } from 'zod';
import { query } from '../contract';
import { Actor } from '../common';
import { PracticeServiceView } from './practice-service.types';

/** Every service of the catalogue, disabled until an Admin enables it. Admins and providers. */
export const ListServices = query('service-enablement.service.list.v1', {
  payload: z.object({ actor: Actor }),
  reply: z.array(PracticeServiceView),
});
