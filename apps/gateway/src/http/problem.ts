import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, ProblemCode } from '@arbor/contracts';

/** RFC 9457 problem details, as every error leaves the gateway. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The one place a service's error code becomes an HTTP status. */
const STATUS: Record<ProblemCode, { status: number; title: string }> = {
  validation_failed: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  payment_declined: { status: 402, title: 'Payment declined' },
  rate_limited: { status: 429, title: 'Too many requests' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
};

export function problemType(code: ProblemCode): string {
  return `urn:arbor:problem:${code}`;
}

export function problemFor(
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  const { status, title } = STATUS[code];
  return { type: problemType(code), title, status, detail, ...extensions };
}

/** For statuses that arise in HTTP itself (unknown route, wrong method) rather than in a service. */
export function problemForStatus(status: number, detail: string): Problem {
  const code = (Object.keys(STATUS) as ProblemCode[]).find(
    (candidate) => STATUS[candidate].status === status,
  );
  if (code) return problemFor(code, detail);
  const titles: Record<number, string> = {
    405: 'Method not allowed',
    406: 'Not acceptable',
    408: 'Request timeout',
    413: 'Payload too large',
    414: 'URI too long',
    415: 'Unsupported media type',
    431: 'Request header fields too large',
  };
  return { type: 'about:blank', title: titles[status] ?? 'Error', status, detail };
}

/**
 * How long a client should wait before trying again, for the statuses that mean "later": what
 * the problem says (a lockout's remaining time, the limiter's window), else a default. A 503
 * without one is usually a service restarting or the broker away: a few seconds.
 */
const DEFAULT_RETRY_AFTER_SECONDS: Record<number, number> = { 429: 60, 503: 5 };

export function retryAfterSecondsOf(problem: Problem): number | undefined {
  const fallback = DEFAULT_RETRY_AFTER_SECONDS[problem.status];
  if (fallback === undefined) return undefined;
  const given = problem['retryAfterSeconds'];
  return typeof given === 'number' && Number.isFinite(given) && given > 0 ? Math.ceil(given) : fallback;
}

/** The request as a problem may name it: by its id, never by anything the client sent. */
export function problemInstance(requestId: string): string {
  return `urn:arbor:request:${requestId}`;
}

/**
 * Writes a problem as the response: the only way problems leave the gateway, so each carries
 * the request id (body and header), `Retry-After` when it means "later", and is never cached.
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): void {
  const retryAfter = retryAfterSecondsOf(problem);
  const body: Problem = {
    ...problem,
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    instance: problemInstance(request.id),
    requestId: request.id,
  };
  if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
  void reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .header('x-request-id', request.id)
    .send(body);
}
