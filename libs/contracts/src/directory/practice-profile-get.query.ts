import { z } from 'zod';
import { query } from '../contract';
import { Actor } from '../common';
import { PracticeProfileView } from './directory.types';

/** Admin only: the practice's directory profile (empty until first saved). */
export const GetPracticeProfile = query('directory.practice-profile.get.v1', {
  payload: z.object({ actor: Actor }),
  reply: PracticeProfileView,
});
