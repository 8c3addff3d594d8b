import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { NoteAccessRecord } from './note.types';

/** Newest first; a cursor holds the id of the last record shown (ids are time-ordered). */
export const NoteAccessCursor = cursorCodec('notes.access', z.strictObject({ id: Id }));
export const ListNoteAccessQuery = pageQuery(NoteAccessCursor);
export const NoteAccessPage = Page(NoteAccessRecord);

/** Admin only: every read of the client's notes, newest first. */
export const ListNoteAccess = query('notes.access-record.list.v1', {
  payload: pageRequest(NoteAccessCursor).extend({ actor: Actor, clientId: Id }),
  reply: NoteAccessPage,
});
