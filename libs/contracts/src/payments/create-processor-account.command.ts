import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';
import { ProcessorAccountView, ProcessorCredentials, ProcessorDescription } from './processor-account.types';

/** `{description, type, credentials}`: credentials are checked against the type's fields. */
export const CreateProcessorAccountBody = z.intersection(
  z.object({ description: ProcessorDescription }),
  ProcessorCredentials,
);

/**
 * Admin only. Stores the account with its credentials encrypted; the first account of a practice
 * becomes its active one. The reply, like every read, masks the credentials.
 */
export const CreateProcessorAccount = command('payments.processor-account.create.v1', {
  payload: z.object({ actor: Actor, account: CreateProcessorAccountBody }),
  reply: ProcessorAccountView,
});
