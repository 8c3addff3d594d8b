/**
 * What Add Client hands the new profile in the router's state: the invitation link it got back
 * (or `null`). It belongs to that history entry: shown on arrival (and on a reload of it), not when
 * the profile is opened any other way.
 */
export interface CreatedState {
  created: { portalInviteUrl: string | null };
}

export function createdStateOf(state: unknown): CreatedState['created'] | undefined {
  if (typeof state !== 'object' || state === null || !('created' in state)) return undefined;
  const created = (state as CreatedState).created;
  return typeof created === 'object' && created !== null && 'portalInviteUrl' in created
    ? created
    : undefined;
}
