import { z } from 'zod';
import { query } from '../contract';
import { Id, Role } from '../common';
import { Membership, SessionActor, UserSummary } from './identity.types';

export const MeView = z.object({
  user: UserSummary.extend({ mfaEnabled: z.boolean() }),
  memberships: z.array(Membership),
  activePracticeId: Id,
  activeRole: Role,
});
export type MeView = z.infer<typeof MeView>;

export const GetMe = query('identity.me.get.v1', {
  payload: z.object({ actor: SessionActor }),
  reply: MeView,
});
