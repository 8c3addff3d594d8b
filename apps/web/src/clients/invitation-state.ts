/**
 * What Add Client hands the new profile in the router's state: the invitation link it got back
 * (or `null`). It is shown once, on arrival; a reload shows the client as they are.
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
