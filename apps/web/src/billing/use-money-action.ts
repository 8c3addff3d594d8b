import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { HttpRoute } from '@arbor/contracts';
import type { CallInput, CallOutput } from '../api/api-client';
import type { ApiProblem } from '../api/api-problem';
import { useActorKey } from '../api/queries';
import { useSessionStore } from '../session/session-context';

/**
 * A money-moving POST with an `Idempotency-Key`. The key is kept while the same request is tried
 * again (a timeout, the gateway away), so a retry can never charge, refund or bill twice; once it
 * succeeded, or the person changed what they ask for, the next request gets a fresh key (the same
 * key with another body would be refused).
 */
export function useMoneyAction<R extends HttpRoute>(
  route: R,
  { invalidates = [] }: { invalidates?: readonly HttpRoute[] } = {},
) {
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const actor = useActorKey();
  const pending = useRef<{ request: string; key: string } | undefined>(undefined);
  return useMutation<CallOutput<R>, ApiProblem, CallInput<R>>({
    mutationFn: async (input) => {
      const request = JSON.stringify(input);
      if (pending.current?.request !== request) pending.current = { request, key: crypto.randomUUID() };
      const result = await store.call(route, input, { idempotencyKey: pending.current.key });
      pending.current = undefined;
      return result;
    },
    onSuccess: async () => {
      await Promise.all(
        invalidates.map((stale) => queryClient.invalidateQueries({ queryKey: [actor, stale.operationId] })),
      );
    },
  });
}
