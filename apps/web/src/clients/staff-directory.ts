import { useQuery } from '@tanstack/react-query';
import { ListStaffRoute, PAGE_LIMIT_MAX, type StaffMember } from '@arbor/contracts';
import type { ApiProblem } from '../api/api-problem';
import { useActor, useSessionStore } from '../session/session-context';

// A practice's staff fits in a few pages; the cap only stops a runaway loop.
const MAX_PAGES = 20;

/**
 * Every staff member of the practice, all pages: notes and a client's Info name people by id, and
 * the Admin picks providers from the whole list.
 */
export function useStaffDirectory() {
  const store = useSessionStore();
  const actor = useActor();
  return useQuery<StaffMember[], ApiProblem>({
    queryKey: [`${actor.sub}:${actor.pid}:${actor.role}`, ListStaffRoute.operationId, 'all'],
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const staff: StaffMember[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = await store.call(
          ListStaffRoute,
          { params: { pid: actor.pid }, query: { limit: PAGE_LIMIT_MAX, cursor } },
          { signal },
        );
        staff.push(...answer.items);
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      return staff;
    },
  });
}

/** How a person is named on a note or a client's Info: "You", their name, or who they were. */
export function nameOf(userId: string, staff: readonly StaffMember[] | undefined, me: string): string {
  if (userId === me) return 'You';
  // Without the list (it could not be loaded) nobody can be named, and nobody is "former".
  if (!staff) return 'A staff member';
  return staff.find((member) => member.userId === userId)?.name ?? 'A former staff member';
}
