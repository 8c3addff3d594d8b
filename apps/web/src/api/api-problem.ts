import { type FieldError, type ProblemCode, ProblemCode as ProblemCodes } from '@arbor/contracts';

/** What the gateway answered instead of success, in a shape the screens can show. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The problem's stable code; `undefined` for an HTTP-level answer (413, 415…) or no answer at all. */
    readonly code: ProblemCode | undefined,
    /** The gateway's own sentence (`detail`), for the cases the plain words below do not cover. */
    readonly detail: string,
    /** Every member of the problem body beyond the standard ones (`errors`, `mfa`, `currentStatus`…). */
    readonly extensions: Readonly<Record<string, unknown>> = {},
    readonly requestId?: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  /** The fields a 400 names, as `credentials.secretKey`-style paths (react-hook-form's names). */
  get fieldErrors(): FieldError[] {
    const errors = this.extensions['errors'];
    if (!Array.isArray(errors)) return [];
    return errors.filter(
      (error): error is FieldError =>
        typeof error === 'object' &&
        error !== null &&
        typeof (error as FieldError).path === 'string' &&
        typeof (error as FieldError).message === 'string',
    );
  }

  /** The password was right and a TOTP (or recovery) code is needed. */
  get mfaRequired(): boolean {
    return this.code === 'unauthenticated' && this.extensions['mfa'] === 'required';
  }

  /** No answer reached us (offline, the gateway down). */
  get unreachable(): boolean {
    return this.status === 0;
  }
}

export function isApiProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

/** Reads a problem+json body; anything else (an HTML error page, nothing) becomes a plain problem. */
export function problemFromBody(status: number, body: unknown, requestId?: string): ApiProblem {
  if (typeof body === 'object' && body !== null) {
    const {
      type,
      title,
      status: _status,
      detail,
      instance: _instance,
      requestId: bodyRequestId,
      ...rest
    } = body as Record<string, unknown>;
    const code =
      typeof type === 'string' && type.startsWith('urn:arbor:problem:')
        ? ProblemCodes.safeParse(type.slice('urn:arbor:problem:'.length)).data
        : undefined;
    const sentence = typeof detail === 'string' ? detail : typeof title === 'string' ? title : '';
    return new ApiProblem(
      status,
      code,
      sentence,
      rest,
      typeof bodyRequestId === 'string' ? bodyRequestId : requestId,
    );
  }
  return new ApiProblem(status, undefined, '', {}, requestId);
}

/**
 * The sentence a person sees for a problem, in plain words. Field-level messages come from the
 * problem's `errors` and are shown beside their fields; this is for the form or the action.
 */
export function plainWords(problem: unknown): string {
  if (!isApiProblem(problem)) return 'Something went wrong on this page. Reload it and try again.';
  if (problem.unreachable) return 'Arbor could not be reached. Check your connection and try again.';
  switch (problem.code) {
    case 'validation_failed':
      return problem.fieldErrors.length > 0
        ? 'Some fields need attention: see the messages beside them.'
        : withDetail('That was not accepted.', problem);
    case 'unauthenticated':
      return problem.mfaRequired
        ? 'Enter the 6-digit code from your authenticator app.'
        : withDetail('Your sign-in was not accepted.', problem);
    case 'forbidden':
      return withDetail('Your role does not allow this.', problem);
    case 'not_found':
      return 'This could not be found. It may have been removed, or the link is out of date.';
    case 'conflict':
      return withDetail('This could not be done as things stand.', problem);
    case 'payment_declined':
      return withDetail('The payment was declined.', problem);
    case 'rate_limited': {
      const seconds = problem.extensions['retryAfterSeconds'];
      return `Too many attempts. Wait ${typeof seconds === 'number' ? `${seconds} seconds` : 'a moment'} and try again.`;
    }
    case 'service_unavailable':
      return 'Part of Arbor is not answering right now. Nothing was changed; try again in a moment.';
    case 'internal':
    case undefined:
      return problem.status === 413
        ? 'That is too large to send.'
        : `Something went wrong on our side${problem.requestId ? ` (reference ${problem.requestId})` : ''}. Try again.`;
  }
}

/** The gateway's own sentence when it has one: it names the specific reason (e.g. which status). */
function withDetail(fallback: string, problem: ApiProblem): string {
  return problem.detail ? problem.detail.charAt(0).toUpperCase() + problem.detail.slice(1) : fallback;
}
