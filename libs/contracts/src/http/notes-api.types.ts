import { z } from 'zod';
import { Id } from '../common';
import { ListNoteAccessQuery, NoteAccessPage } from '../notes/list-note-access.query';
import { ListNotesQuery, NotePage } from '../notes/list-notes.query';
import { AddAddendumBody, AddedNoteView, AddendumView, AddNoteBody, NoteView } from '../notes/note.types';
import { route } from './route.types';

const ClientParams = z.object({ pid: Id, cid: Id });
const NoteParams = ClientParams.extend({ nid: Id });

// A note is permanent: its path has no PUT, PATCH or DELETE, so the gateway answers those with
// 405 and `Allow: GET, HEAD` like any method a path does not have. There is deliberately no
// operation for them.
//
// Reading answers `internal` (500) when a stored note fails its integrity check (its ciphertext
// does not open under its id): never a body that might be garbage, and loud in the service's log.
const READ_PROBLEMS = ['internal'] as const;

export const AddNoteRoute = route({
  operationId: 'addNote',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/notes',
  summary: "Save a permanent note to a client's profile; its type says who may read it",
  description:
    'An Admin, or a provider assigned to the client. A saved note is never edited or deleted; corrections are addenda.',
  tags: ['Notes'],
  access: ['admin', 'provider'],
  params: ClientParams,
  body: AddNoteBody,
  responses: { 201: AddedNoteView },
});

export const ListNotesRoute = route({
  operationId: 'listNotes',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients/{cid}/notes',
  summary: "The client's notes the caller may read, with their addenda, newest first, a page at a time",
  description: 'Every note answered is recorded in the access log.',
  tags: ['Notes'],
  access: ['admin', 'provider'],
  params: ClientParams,
  query: ListNotesQuery,
  responses: { 200: NotePage },
  problems: READ_PROBLEMS,
});

export const ListNoteAccessRoute = route({
  operationId: 'listNoteAccess',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients/{cid}/notes/access-log',
  summary: "Every read of the client's notes (who, which note, when, as which role), newest first",
  tags: ['Notes'],
  access: ['admin'],
  params: ClientParams,
  query: ListNoteAccessQuery,
  responses: { 200: NoteAccessPage },
});

export const GetNoteRoute = route({
  operationId: 'getNote',
  method: 'GET',
  path: '/api/v1/practices/{pid}/clients/{cid}/notes/{nid}',
  summary: 'One note with its addenda, for whoever may read it (404 for everyone else)',
  description: 'The read is recorded in the access log.',
  tags: ['Notes'],
  access: ['admin', 'provider', 'client'],
  params: NoteParams,
  responses: { 200: NoteView },
  problems: READ_PROBLEMS,
});

export const AddAddendumRoute = route({
  operationId: 'addNoteAddendum',
  method: 'POST',
  path: '/api/v1/practices/{pid}/clients/{cid}/notes/{nid}/addenda',
  summary: 'Add a correction beneath a note: its author, or an Admin',
  tags: ['Notes'],
  access: ['admin', 'provider'],
  params: NoteParams,
  body: AddAddendumBody,
  responses: { 201: AddendumView },
});

export const ListPortalNotesRoute = route({
  operationId: 'listPortalNotes',
  method: 'GET',
  path: '/api/v1/portal/notes',
  summary: 'The client, in the portal: the notes their care team shared with them, newest first',
  tags: ['Portal'],
  access: ['client'],
  query: ListNotesQuery,
  responses: { 200: NotePage },
  problems: READ_PROBLEMS,
});

export const NOTES_ROUTES = [
  AddNoteRoute,
  ListNotesRoute,
  ListNoteAccessRoute,
  GetNoteRoute,
  AddAddendumRoute,
  ListPortalNotesRoute,
] as const;
