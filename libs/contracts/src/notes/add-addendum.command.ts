import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { AddAddendumBody, AddendumView } from './note.types';

/**
 * The note's author, or an Admin, adds a correction beneath a note (the note itself never
 * changes). A note the actor may not read is `not_found`, like one that does not exist; one they
 * may read but did not write is `forbidden` (unless they are an Admin).
 */
export const AddAddendum = command('notes.addendum.add.v1', {
  payload: z.object({ actor: Actor, clientId: Id, noteId: Id, addendum: AddAddendumBody }),
  reply: AddendumView,
});
