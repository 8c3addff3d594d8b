import { z } from 'zod';
import { query } from '../contract';
import { Actor, Id, IsoDateTime } from '../common';
import { cursorCodec, Page, pageQuery, pageRequest } from '../http/page.types';
import { NoteView } from './note.types';

/** Notes are listed newest first; a cursor holds the time and id of the last one shown. */
export const NoteCursor = cursorCodec('notes.note', z.strictObject({ createdAt: IsoDateTime, id: Id }));
export const ListNotesQuery = pageQuery(NoteCursor);
export const NotePage = Page(NoteView);

/**
 * Staff: the client's notes this actor may read, each with its addenda, newest first. Every note
 * answered is recorded in the access log.
 */
export const ListNotes = query('notes.note.list.v1', {
  payload: pageRequest(NoteCursor).extend({ actor: Actor, clientId: Id }),
  reply: NotePage,
});

/** The client, in the portal: the `client_shared` notes about themself, newest first. */
export const ListPortalNotes = query('notes.portal-note.list.v1', {
  payload: pageRequest(NoteCursor).extend({ actor: Actor }),
  reply: NotePage,
});
