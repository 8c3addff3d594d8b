import { z } from 'zod';
import { query } from '../contract';
import { Actor } from '../common';
import { ProcessorAccountView } from './processor-account.types';

/** Admin only. Credentials masked. */
export const ListProcessorAccounts = query('payments.processor-account.list.v1', {
  payload: z.object({ actor: Actor }),
  reply: z.object({ items: z.array(ProcessorAccountView), nextCursor: z.null() }),
});
