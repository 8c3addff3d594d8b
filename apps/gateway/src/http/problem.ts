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
    413: 'Payload too large',
    415: 'Unsupported media type',
  };
  return { type: 'about:blank', title: titles[status] ?? 'Error', status, detail };
}
