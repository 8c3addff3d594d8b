import { z } from 'zod';
import type { Role } from '../common';
import { PROBLEM_STATUS, ProblemCode, ProblemDetails } from '../problems';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of the public HTTP API, as the web app and the gateway both see it: where it is,
 * who may call it, what it takes and what it answers. The gateway mounts its handler from this
 * (method, path, status, access) and validates with these schemas; the OpenAPI document and the
 * end-to-end checks are built from the same object.
 */
export interface HttpRoute<
  TParams extends z.ZodObject | undefined = z.ZodObject | undefined,
  TQuery extends z.ZodObject | undefined = z.ZodObject | undefined,
  TBody extends z.ZodType | undefined = z.ZodType | undefined,
  TResponses extends SuccessResponses = SuccessResponses,
> {
  /** Stable: written here, never derived from a handler's name. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Under the host, OpenAPI-style: `/api/v1/practices/{pid}/staff`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly [string, ...string[]];
  /** `'public'`: no token needed. Otherwise the active roles that may call it (403 for the others). */
  readonly access: 'public' | readonly [Role, ...Role[]];
  /** Staff who still have to enrol in MFA may call it (enrolment itself, /me, sign-out). */
  readonly allowMfaPending?: boolean;
  readonly params?: TParams;
  readonly query?: TQuery;
  readonly body?: TBody;
  /** The success answers: a schema for a JSON body, `null` for none (204). */
  readonly responses: TResponses;
  /** Problems this operation can answer beyond those every operation of its kind can (see {@link problemsOf}). */
  readonly problems?: readonly ProblemCode[];
  /**
   * Moves money (or does anything else a retry must not do twice): the gateway honours an
   * `Idempotency-Key` header on it, answering a repeat with the first answer (docs/adr/0021).
   */
  readonly idempotent?: boolean;
}

export type SuccessResponses = Readonly<Partial<Record<200 | 201 | 204, z.ZodType | null>>>;

/** Defines a route, checking what types cannot: one success status, path parameters declared. */
export function route<
  TParams extends z.ZodObject | undefined = undefined,
  TQuery extends z.ZodObject | undefined = undefined,
  TBody extends z.ZodType | undefined = undefined,
  TResponses extends SuccessResponses = SuccessResponses,
>(definition: HttpRoute<TParams, TQuery, TBody, TResponses>): HttpRoute<TParams, TQuery, TBody, TResponses> {
  const statuses = Object.keys(definition.responses);
  if (statuses.length !== 1) {
    throw new Error(`${definition.operationId}: exactly one success status, not ${statuses.join(', ')}`);
  }
  const named = pathParameters(definition.path);
  const declared = Object.keys(definition.params?.shape ?? {});
  if (named.join() !== declared.join()) {
    throw new Error(
      `${definition.operationId}: path names {${named.join('}, {')}}, params declare ${declared.join(', ')}`,
    );
  }
  return Object.freeze(definition);
}

export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((match) => match[1]!);
}

export function successStatus(route: HttpRoute): 200 | 201 | 204 {
  return Number(Object.keys(route.responses)[0]) as 200 | 201 | 204;
}

/**
 * Every problem an operation can answer: the route's own, plus those its shape implies — any
 * input can be invalid (400); a protected route needs a token (401) and an allowed role or MFA
 * (403); a path parameter names something that may not exist, or another practice (404); every
 * route is rate limited (429) and relies on a service that may be away (503).
 */
export function problemsOf(route: HttpRoute): ProblemCode[] {
  const codes = new Set<ProblemCode>(route.problems ?? []);
  if (route.params || route.query || route.body) codes.add('validation_failed');
  if (route.access !== 'public') {
    codes.add('unauthenticated');
    codes.add('forbidden');
  }
  if (route.params) codes.add('not_found');
  // The same Idempotency-Key with another body, or while its first request is still running.
  if (route.idempotent) codes.add('conflict');
  codes.add('rate_limited');
  codes.add('service_unavailable');
  return ProblemCode.options.filter((code) => codes.has(code));
}

const ProblemBase = z.object({
  /** `urn:arbor:problem:<code>` */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  /** The request path. */
  instance: z.string().optional(),
  /** The request id (also the `x-request-id` header): quote it when reporting a problem. */
  requestId: z.string().optional(),
});

/** A problem+json body (RFC 9457) of one code: its details are extension members. */
export function httpProblem<C extends ProblemCode>(code: C) {
  return ProblemBase.extend({
    type: z.literal(`urn:arbor:problem:${code}`),
    status: z.literal(PROBLEM_STATUS[code]),
    ...(ProblemDetails[code].shape as DetailsShape<C>),
  });
}
type DetailsShape<C extends ProblemCode> = (typeof ProblemDetails)[C]['shape'];

/** Every problem body, by code: what a client parses an error with. */
export const HttpProblem = Object.fromEntries(
  ProblemCode.options.map((code) => [code, httpProblem(code)]),
) as {
  [C in ProblemCode]: ReturnType<typeof httpProblem<C>>;
};

/**
 * A problem HTTP itself answers, not a service (`type: about:blank`): a body too large (413) or
 * not JSON (415) on any operation that takes one; and, on any request at all, a method the path
 * does not have (405), an unacceptable `Accept` (406), a request too slow (408), a URL or headers
 * too long (414, 431). Operations document the first two; the rest belong to no operation.
 */
export const HttpLevelProblem = ProblemBase.extend({ type: z.literal('about:blank') });
export const BODY_PROBLEM_STATUSES = [413, 415] as const;
export const TRANSPORT_PROBLEM_STATUSES = [405, 406, 408, 414, 431] as const;

export type DocumentedResponse =
  | { kind: 'success'; schema: z.ZodType | null }
  | { kind: 'problem'; code: ProblemCode }
  | { kind: 'http'; status: (typeof BODY_PROBLEM_STATUSES)[number] };

/** What an operation answers, by status: its success schema (or `null`), then its problems. */
export function responsesOf(route: HttpRoute): Map<number, DocumentedResponse> {
  const responses = new Map<number, DocumentedResponse>();
  const status = successStatus(route);
  responses.set(status, { kind: 'success', schema: route.responses[status] ?? null });
  for (const code of problemsOf(route)) responses.set(PROBLEM_STATUS[code], { kind: 'problem', code });
  if (route.body)
    for (const http of BODY_PROBLEM_STATUSES) responses.set(http, { kind: 'http', status: http });
  return new Map([...responses].sort(([a], [b]) => a - b));
}

/** What a handler receives once its route's schemas have validated the request. */
export type RouteInput<R extends HttpRoute> =
  R extends HttpRoute<infer P, infer Q, infer B, infer _S>
    ? {
        params: P extends z.ZodObject ? z.infer<P> : Record<string, never>;
        query: Q extends z.ZodObject ? z.infer<Q> : Record<string, never>;
        body: B extends z.ZodType ? z.infer<B> : undefined;
      }
    : never;

/** A route's success body, as the gateway answers it. */
export type RouteResponse<R extends HttpRoute> = {
  [S in keyof R['responses']]: R['responses'][S] extends z.ZodType ? z.infer<R['responses'][S]> : void;
}[keyof R['responses']];
