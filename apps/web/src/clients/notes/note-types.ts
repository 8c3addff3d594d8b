import type { NoteType } from '@arbor/contracts';

/**
 * Each note type in the product's words, and who will read it, as the notes service decides
 * (`visibility()` in apps/notes): `care_team` is the author and the providers assigned to the
 * client, so an Admin who is not assigned does not read it; `practice` is every provider and
 * Admin; `client_shared` is the care team and the client in the portal.
 */
export const NOTE_TYPES: ReadonlyArray<{ type: NoteType; label: string; whoSees: string }> = [
  { type: 'private', label: 'Private', whoSees: 'Only you.' },
  {
    type: 'care_team',
    label: 'Care team',
    whoSees: "You and the client's assigned providers.",
  },
  {
    type: 'practice',
    label: 'Practice',
    whoSees: 'Every provider and Admin of the practice.',
  },
  {
    type: 'client_shared',
    label: 'Shared with the client',
    whoSees: "You, the client's assigned providers, and the client in their portal.",
  },
];

export function noteTypeLabel(type: NoteType): string {
  return NOTE_TYPES.find((entry) => entry.type === type)?.label ?? type;
}

export const PERMANENT_WARNING = "Notes can't be edited or deleted once saved; you can add an addendum.";
