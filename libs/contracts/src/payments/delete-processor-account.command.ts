import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';

/** Admin only. Removes the account and its credentials. */
export const DeleteProcessorAccount = command('payments.processor-account.delete.v1', {
  payload: z.object({ actor: Actor, id: Id }),
  reply: z.object({}),
});
