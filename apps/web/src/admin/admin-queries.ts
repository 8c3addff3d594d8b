import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ListStaffRoute, PAGE_LIMIT_MAX, type ListPaymentProcessorsRoute } from '@arbor/contracts';
import type { CallInput, CallOutput } from '../api/api-client';
import type { ApiProblem } from '../api/api-problem';
import { useActor, useSessionStore } from '../session/session-context';

/**
 * The first part of every cached answer, as `useRouteQuery` writes it (user, practice, role), so
 * the mutations' `invalidates: [ListStaffRoute]` refresh these paged lists too.
 */
function useActorKey(): string {
  const actor = useActor();
  return `${actor.sub}:${actor.pid}:${actor.role}`;
}

type PagedRoute = typeof ListStaffRoute | typeof ListPaymentProcessorsRoute;

/** A cursor-paged list shown a page at a time: `fetchNextPage` is the "Load more" button. */
export function useRoutePages<R extends PagedRoute>(route: R) {
  const store = useSessionStore();
  const actor = useActor();
  const actorKey = useActorKey();
  return useInfiniteQuery<
    CallOutput<R>,
    ApiProblem,
    { pages: CallOutput<R>[] },
    unknown[],
    string | undefined
  >({
    queryKey: [actorKey, route.operationId, 'pages'],
    initialPageParam: undefined,
    queryFn: ({ pageParam, signal }) =>
      store.call<R>(
        route,
        {
          params: { pid: actor.pid },
          query: pageParam === undefined ? {} : { cursor: pageParam },
        } as CallInput<R>,
        { signal },
      ),
    getNextPageParam: (last) => (last as { nextCursor: string | null }).nextCursor ?? undefined,
  });
}

/**
 * Every staff member of the practice, all pages read one after the other: a service's providers
 * are chosen from the whole list, and a practice's staff is a few pages at most.
 */
export function useAllStaff() {
  const store = useSessionStore();
  const actor = useActor();
  const actorKey = useActorKey();
  return useQuery<CallOutput<typeof ListStaffRoute>['items'], ApiProblem>({
    queryKey: [actorKey, ListStaffRoute.operationId, 'all'],
    queryFn: async ({ signal }) => {
      const members: CallOutput<typeof ListStaffRoute>['items'] = [];
      let cursor: string | undefined;
      do {
        const page = await store.call(
          ListStaffRoute,
          { params: { pid: actor.pid }, query: { limit: PAGE_LIMIT_MAX, ...(cursor ? { cursor } : {}) } },
          { signal },
        );
        members.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return members;
    },
  });
}
