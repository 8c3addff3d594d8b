import { z } from 'zod';
import { command } from '../contract';
import { SessionActor } from './identity.types';

/** Staff only: a new TOTP secret, not active until confirmed with a code from the app. */
export const StartMfaEnrolment = command('identity.mfa.enroll.v1', {
  payload: z.object({ actor: SessionActor }),
  reply: z.object({ secret: z.string(), otpauthUrl: z.string() }),
});
