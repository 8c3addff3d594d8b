import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationOptions,
  type UseQueryOptions,
} from '@tanstack/react-query';
import { useRef } from 'react';
import type { HttpRoute } from '@arbor/contracts';
import { useSession, useSessionStore } from '../session/session-context';
import type { CallInput, CallOutput } from './api-client';
import type { ApiProblem } from './api-problem';

/**
 * The cache key of a route's answer: its operation, its input, and who asked (user, practice,
 * role), so that switching role never shows one role's data to another.
 */
export function routeKey(route: HttpRoute, input?: unknown): unknown[] {
  return input === undefined ? [route.operationId] : [route.operationId, input];
}

/** Who asks (user, practice, role): the first part of every cached answer's key. */
export function useActorKey(): string {
  const session = useSession();
  return session.status === 'signed-in'
    ? `${session.claims.sub}:${session.claims.pid}:${session.claims.role}`
    : 'anonymous';
}

/** A GET through the session (refreshing as needed), cached by react-query. */
export function useRouteQuery<R extends HttpRoute>(
  route: R,
  input: CallInput<R>,
  options: Omit<UseQueryOptions<CallOutput<R>, ApiProblem>, 'queryKey' | 'queryFn'> = {},
) {
  const store = useSessionStore();
  const actor = useActorKey();
  return useQuery<CallOutput<R>, ApiProblem>({
    queryKey: [actor, ...routeKey(route, input)],
    queryFn: ({ signal }) => store.call(route, input, { signal }),
    ...options,
  });
}

/**
 * A change through the session. On success it invalidates the answers of `invalidates` (every
 * input of those operations), so lists and details show the change without a reload.
 */
export function useRouteMutation<R extends HttpRoute>(
  route: R,
  options: Omit<UseMutationOptions<CallOutput<R>, ApiProblem, CallInput<R>>, 'mutationFn'> & {
    invalidates?: readonly HttpRoute[];
    /**
     * A money-moving POST: sent with an `Idempotency-Key`, kept while the same request is tried
     * again (a timeout, the gateway away) so a retry can never charge, refund or bill twice; once
     * it succeeded, or the person changed what they ask for, the next request gets a fresh key
     * (the same key with another body would be refused).
     */
    idempotent?: boolean;
  } = {},
) {
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const actor = useActorKey();
  const pending = useRef<{ request: string; key: string } | undefined>(undefined);
  const { invalidates = [], idempotent = false, onSuccess, ...rest } = options;
  return useMutation<CallOutput<R>, ApiProblem, CallInput<R>>({
    mutationFn: async (input) => {
      if (!idempotent) return store.call(route, input);
      const request = JSON.stringify(input);
      if (pending.current?.request !== request) pending.current = { request, key: crypto.randomUUID() };
      const result = await store.call(route, input, { idempotencyKey: pending.current.key });
      pending.current = undefined;
      return result;
    },
    onSuccess: async (...args) => {
      await Promise.all(
        invalidates.map((stale) => queryClient.invalidateQueries({ queryKey: [actor, stale.operationId] })),
      );
      await onSuccess?.(...args);
    },
    ...rest,
  });
}

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
  const actor = useActorKey();
  const query = useInfiniteQuery<PageOutput, ApiProblem>({
    queryKey: [actor, ...routeKey(route, input), 'pages'],
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
