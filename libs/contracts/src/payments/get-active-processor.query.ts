import { z } from 'zod';
import { query } from '../contract';
import { Id } from '../common';
import { ProcessorType } from './processor-account.types';

/**
 * Service to service: whether the practice can take card payments now, and through which
 * processor. Invoicing asks before it issues an invoice (a client must be able to pay it). No
 * credentials, masked or not: the Admin's list is the only place those are shown.
 */
export const GetActiveProcessor = query('payments.processor.active.v1', {
  payload: z.object({ practiceId: Id }),
  reply: z.object({ processor: ProcessorType.nullable() }),
});
