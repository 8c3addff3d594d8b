import { z } from 'zod';
import { command } from '../contract';
import { Actor } from '../common';
import { PracticeProfileChanges, PracticeProfileView } from './directory.types';

/** Admin only: edits the practice's directory profile; only the fields given change. */
export const UpdatePracticeProfile = command('directory.practice-profile.update.v1', {
  payload: z.object({ actor: Actor, changes: PracticeProfileChanges }),
  reply: PracticeProfileView,
});
