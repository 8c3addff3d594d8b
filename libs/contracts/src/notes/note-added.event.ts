import { z } from 'zod';
import { event } from '../contract';
import { Id } from '../common';
import { NoteType } from './note.types';

/** A note was saved to a client's profile. Ids and type only: a note's body never leaves notes. */
export const NoteAdded = event('notes.note.added.v1', {
  data: z.object({ practiceId: Id, clientId: Id, noteId: Id, type: NoteType, authorId: Id }),
});
