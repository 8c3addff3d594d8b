import { z } from 'zod';
import { Id, IsoDateTime, Role, SafeString } from '../common';

/**
 * Who may read a note, chosen by its author when saving it and never changed:
 * - `private`: the author only;
 * - `care_team`: the author and the providers assigned to the client;
 * - `practice`: every provider and admin of the practice;
 * - `client_shared`: the care team and the client, in the portal.
 */
export const NoteType = z.enum(['private', 'care_team', 'practice', 'client_shared']);
export type NoteType = z.infer<typeof NoteType>;

/** Free text: therapy session notes, insurance details, allergies, medical history. */
export const NOTE_BODY_MAX = 100_000;
export const NoteBody = SafeString.min(1, 'must not be empty').max(
  NOTE_BODY_MAX,
  `must be at most ${NOTE_BODY_MAX} characters`,
);

export const AddNoteBody = z.strictObject({ type: NoteType, body: NoteBody });
export type AddNoteBody = z.infer<typeof AddNoteBody>;

export const AddAddendumBody = z.strictObject({ body: NoteBody });
export type AddAddendumBody = z.infer<typeof AddAddendumBody>;

/** A correction or addition to a note, shown beneath it with who wrote it and when. */
export const AddendumView = z.object({
  id: Id,
  noteId: Id,
  body: z.string(),
  authorId: Id,
  createdAt: IsoDateTime,
});
export type AddendumView = z.infer<typeof AddendumView>;

/** A note as saved: permanent, never edited. */
export const AddedNoteView = z.object({
  id: Id,
  clientId: Id,
  type: NoteType,
  body: z.string(),
  authorId: Id,
  createdAt: IsoDateTime,
});
export type AddedNoteView = z.infer<typeof AddedNoteView>;

/** A note with its addenda, oldest addendum first. */
export const NoteView = AddedNoteView.extend({ addenda: z.array(AddendumView) });
export type NoteView = z.infer<typeof NoteView>;

/** One read of one note: who read it, acting as which role, when, and through which request. */
export const NoteAccessRecord = z.object({
  id: Id,
  noteId: Id,
  readerUserId: Id,
  role: Role,
  via: z.enum(['list', 'get', 'portal']),
  readAt: IsoDateTime,
});
export type NoteAccessRecord = z.infer<typeof NoteAccessRecord>;
