import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';

export const PracticeCreated = event('identity.practice.created.v1', {
  data: z.object({ practiceId: Id, name: z.string(), adminUserId: Id }),
});
