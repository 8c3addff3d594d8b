import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id, SafeString } from '../common';
import { ProcessorAccountView, ProcessorDescription } from './processor-account.types';

export const UpdateProcessorAccountBody = z
  .object({
    description: ProcessorDescription.optional(),
    /** The complete set of the account type's fields (checked against its type). */
    credentials: z
      .record(SafeString.max(64), SafeString.max(255))
      .refine((fields) => Object.keys(fields).length <= 8, 'has more fields than any processor needs')
      .optional(),
    /** `true` makes this the practice's one active account (the previous one becomes inactive). */
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give description, credentials or active');

/** Admin only. `not_found` for another practice's account. */
export const UpdateProcessorAccount = command('payments.processor-account.update.v1', {
  payload: z.object({ actor: Actor, id: Id, changes: UpdateProcessorAccountBody }),
  reply: ProcessorAccountView,
});
