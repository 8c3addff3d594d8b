import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { NoteView } from './note.types';

/**
 * One note with its addenda, for whoever may read it (the read is recorded in the access log);
 * `not_found` for everyone else, the same answer as for a note that does not exist.
 */
export const GetNote = query('notes.note.get.v1', {
  payload: z.object({ actor: Actor, clientId: Id, noteId: Id }),
  reply: NoteView,
});
