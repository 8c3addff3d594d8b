import type { HttpRoute } from '@arbor/contracts';
import { useRouteMutation } from '../api/queries';

/** A money-moving POST: {@link useRouteMutation} with an `Idempotency-Key` kept across retries. */
export function useMoneyAction<R extends HttpRoute>(
  route: R,
  { invalidates = [] }: { invalidates?: readonly HttpRoute[] } = {},
) {
  return useRouteMutation(route, { invalidates, idempotent: true });
}
