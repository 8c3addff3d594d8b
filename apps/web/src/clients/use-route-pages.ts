import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { HttpRoute } from '@arbor/contracts';
import type { CallInput, CallOutput } from '../api/api-client';
import type { ApiProblem } from '../api/api-problem';
import { routeKey } from '../api/queries';
import { useActor, useSessionStore } from '../session/session-context';

type PageOutput = { items: unknown[]; nextCursor: string | null };
type ItemOf<R extends HttpRoute> = CallOutput<R> extends { items: Array<infer T> } ? T : never;

/**
 * A cursor-paged list ("Load more"): each page asks with the previous page's `nextCursor`. Its
 * cache key starts like {@link useRouteQuery}'s (who asks, then the operation), so a mutation's
 * `invalidates: [ListXRoute]` refreshes it too.
 */
export function useRoutePages<R extends HttpRoute>(
  route: R,
  input: CallInput<R>,
  /** Keep showing the last answer while another input loads (a search being typed). */
  { keepPrevious = false }: { keepPrevious?: boolean } = {},
) {
  const store = useSessionStore();
  const actor = useActor();
  const query = useInfiniteQuery<PageOutput, ApiProblem>({
    queryKey: [`${actor.sub}:${actor.pid}:${actor.role}`, ...routeKey(route, input), 'pages'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) => {
      const withCursor = {
        ...input,
        query: { ...input.query, cursor: pageParam },
      } as CallInput<R>;
      return (await store.call(route, withCursor, { signal })) as PageOutput;
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []) as ItemOf<R>[];
  return { ...query, items };
}
