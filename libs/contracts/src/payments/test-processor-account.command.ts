import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';

/** Admin only. Asks the processor whether the stored credentials work, and says plainly what is wrong if not. */
export const TestProcessorAccount = command('payments.processor-account.test.v1', {
  payload: z.object({ actor: Actor, id: Id }),
  reply: z.object({ ok: z.boolean(), message: z.string() }),
});
