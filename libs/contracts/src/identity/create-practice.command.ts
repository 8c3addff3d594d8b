import { z } from 'zod';
import { command } from '../contract';
import { Id } from '../common';
import { Email, NewPassword, PersonName, PracticeName, RequestOrigin } from './identity.types';

export const CreatePracticeBody = z.object({
  practiceName: PracticeName,
  admin: z.object({ name: PersonName, email: Email, password: NewPassword }),
});
export type CreatePracticeBody = z.infer<typeof CreatePracticeBody>;

/**
 * Sign-up: a practice and its first Admin, who also holds the Provider role. `conflict` when the
 * email already has an account (that person signs in and is invited instead).
 */
export const CreatePractice = command('identity.practice.create.v1', {
  payload: CreatePracticeBody.extend({ origin: RequestOrigin }),
  reply: z.object({
    practice: z.object({ id: Id, name: z.string() }),
    user: z.object({ id: Id, email: z.string() }),
  }),
});
