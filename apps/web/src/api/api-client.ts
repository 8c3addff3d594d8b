import type { z } from 'zod';
import type { HttpRoute } from '@arbor/contracts';
import { ApiProblem, problemFromBody } from './api-problem';

type SchemaInput<S> = S extends z.ZodType ? z.input<S> : never;

/** What a call to a route takes: its path parameters, query and body, as the contract types them. */
export type CallInput<R extends HttpRoute> =
  R extends HttpRoute<infer P, infer Q, infer B, infer _S>
    ? (P extends z.ZodObject ? { params: SchemaInput<P> } : { params?: undefined }) &
        (Q extends z.ZodObject ? { query?: SchemaInput<Q> } : { query?: undefined }) &
        (B extends z.ZodType ? { body: SchemaInput<B> } : { body?: undefined })
    : never;

/** A route's success body as the web app receives it (parsed by the route's own schema). */
export type CallOutput<R extends HttpRoute> = {
  [S in keyof R['responses']]: R['responses'][S] extends z.ZodType ? z.output<R['responses'][S]> : undefined;
}[keyof R['responses']];

export interface CallOptions {
  accessToken?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Sent as `Idempotency-Key` (money-moving POSTs). */
  idempotencyKey?: string | undefined;
}

/** `/api/v1/practices/{pid}/staff` with `{pid}` filled in, each value URL-encoded. */
/** Path and query values are scalars (ids, cursors, filters) by the contracts' own schemas. */
function scalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(`not a path or query value: ${typeof value}`);
}

export function pathOf(route: HttpRoute, params: Record<string, unknown> | undefined): string {
  return route.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`${route.operationId}: path parameter ${name} is missing`);
    }
    return encodeURIComponent(scalar(value));
  });
}

function queryStringOf(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const item of value as unknown[]) search.append(name, scalar(item));
    else search.set(name, scalar(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * One request to the gateway, by its contract: the URL from the route's path, the answer parsed
 * with the route's success schema, and any other answer thrown as an {@link ApiProblem}. Always
 * same-origin, so the refresh cookie goes along only to the gateway that set it.
 */
export async function callRoute<R extends HttpRoute>(
  route: R,
  input: CallInput<R>,
  options: CallOptions = {},
): Promise<CallOutput<R>> {
  const { params, query, body } = input;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.accessToken) headers['authorization'] = `Bearer ${options.accessToken}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(`${pathOf(route, params)}${queryStringOf(query)}`, {
      method: route.method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem(0, undefined, 'no answer');
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) throw problemFromBody(response.status, parsed, requestId);
  const schema = route.responses[response.status as 200 | 201 | 204];
  if (!schema) return undefined as CallOutput<R>;
  const result = schema.safeParse(parsed);
  // A gateway that answers outside its own contract is a bug to report, not data to show.
  if (!result.success) throw new ApiProblem(response.status, 'internal', 'unexpected answer', {}, requestId);
  return result.data as CallOutput<R>;
}
