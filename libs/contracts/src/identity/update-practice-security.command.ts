import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';

export const PracticeSecurityBody = z.object({ requireMfa: z.boolean() });

/** Admin only. With `requireMfa`, staff without MFA can only enrol until they have it. */
export const UpdatePracticeSecurity = command('identity.practice-security.update.v1', {
  payload: PracticeSecurityBody.extend({ actor: Actor }),
  reply: PracticeSecurityBody,
});
