import { z } from 'zod';
import { command } from '../contract';
import { SessionActor, TotpCode } from './identity.types';

export const ConfirmMfaBody = z.object({ code: TotpCode });

/** Turns MFA on and answers ten single-use recovery codes, shown once. `validation_failed` on a wrong code. */
export const ConfirmMfaEnrolment = command('identity.mfa.confirm.v1', {
  payload: ConfirmMfaBody.extend({ actor: SessionActor }),
  reply: z.object({ recoveryCodes: z.array(z.string()).length(10) }),
});
