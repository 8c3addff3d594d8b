import { useQuery } from '@tanstack/react-query';
import { ListStaffRoute, PAGE_LIMIT_MAX, type StaffMember } from '@arbor/contracts';
import type { ApiProblem } from './api-problem';
import { useActor, useSessionStore } from '../session/session-context';
import { useActorKey } from './queries';

// A practice's staff fits in a few pages; the cap only stops a runaway loop.
const MAX_PAGES = 20;

/**
 * Every staff member of the practice, all pages: notes and a client's Info name people by id, and
 * an Admin picks a service's or a client's providers from the whole list.
 */
export function useStaffDirectory() {
  const store = useSessionStore();
  const actor = useActor();
  const actorKey = useActorKey();
  return useQuery<StaffMember[], ApiProblem>({
    queryKey: [actorKey, ListStaffRoute.operationId, 'all'],
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
