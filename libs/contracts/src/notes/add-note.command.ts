import { z } from 'zod';
import { command } from '../contract';
import { Actor, Id } from '../common';
import { AddedNoteView, AddNoteBody } from './note.types';

/**
 * An Admin, or a provider assigned to the client, saves a note to the client's profile. Saving is
 * permanent. A client the service has never heard of is `not_found`; an unassigned provider is
 * `forbidden`.
 */
export const AddNote = command('notes.note.add.v1', {
  payload: z.object({ actor: Actor, clientId: Id, note: AddNoteBody }),
  reply: AddedNoteView,
});
