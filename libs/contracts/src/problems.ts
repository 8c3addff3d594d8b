import { z } from 'zod';
import { Role } from './common';

/**
 * Stable error codes a service may answer with. The gateway maps each to one HTTP status, in
 * one place; services never think in HTTP.
 */
export const ProblemCode = z.enum([
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payment_declined',
  'rate_limited',
  'service_unavailable',
  'internal',
]);
export type ProblemCode = z.infer<typeof ProblemCode>;

/** The HTTP status each code leaves the gateway with. */
export const PROBLEM_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payment_declined: 402,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
} as const satisfies Record<ProblemCode, number>;

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** Who does not answer, and when to try again (Retry-After). */
const Unavailable = z.object({
  service: z.string().optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  timeoutMs: z.number().int().positive().optional(),
  /** The health report: each service's readiness as seen over the bus. */
  services: z.record(z.string(), z.unknown()).optional(),
});

/**
 * The details each code may carry: nothing else crosses the bus (unknown members are dropped on
 * receipt) and the gateway writes them as extension members of the problem (RFC 9457 §3.2).
 */
export const ProblemDetails = {
  validation_failed: z.object({ errors: z.array(FieldError) }),
  unauthenticated: z.object({
    /** The password was right; a TOTP or recovery code is missing or wrong. */
    mfa: z.literal('required').optional(),
    /** The request field to fix (e.g. `password` when an existing account must confirm it). */
    field: z.string().optional(),
    /** Why a processor's webhook was refused (`bad_signature`, `stale`, …). */
    reason: z.string().optional(),
  }),
  forbidden: z.object({
    /** The role the caller acts in, which the route does not allow. */
    activeRole: Role.optional(),
    /** The role asked for, which the caller does not hold. */
    role: Role.optional(),
  }),
  not_found: z.object({ reason: z.string().optional() }),
  conflict: z.object({
    currentStatus: z.string().optional(),
    /** The limit that was reached (e.g. how many of something a practice may have). */
    limit: z.number().int().nonnegative().optional(),
    field: z.string().optional(),
  }),
  payment_declined: z.object({}),
  rate_limited: z.object({ retryAfterSeconds: z.number().int().nonnegative() }),
  service_unavailable: Unavailable,
  internal: z.object({}),
} as const satisfies Record<ProblemCode, z.ZodObject>;

type DetailsSchemas = typeof ProblemDetails;
type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;
/** Any code's details, every member optional: what code that handles every error reads. */
export type AnyProblemDetails = Partial<
  UnionToIntersection<
    {
      [C in ProblemCode]: keyof DetailsSchemas[C]['shape'] extends never ? never : z.infer<DetailsSchemas[C]>;
    }[ProblemCode]
  >
>;

type Specific<C extends ProblemCode> = keyof DetailsSchemas[C]['shape'] extends never
  ? Record<string, never>
  : z.infer<DetailsSchemas[C]>;
/** The details of code `C`; for the code union, any code's details. */
export type DetailsOf<C extends ProblemCode> = [ProblemCode] extends [C] ? AnyProblemDetails : Specific<C>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "is {} assignable": are all members optional?
type HasRequired<T> = {} extends T ? false : true;
/** Details are required for the codes whose details have required members (`rate_limited`, …). */
type DetailsArgs<C extends ProblemCode> =
  HasRequired<DetailsOf<C>> extends true ? [details: DetailsOf<C>] : [details?: DetailsOf<C>];

/** The typed error that travels back over the bus, intact; its details checked against its code. */
export const WireError = z.discriminatedUnion(
  'code',
  ProblemCode.options.map((code) =>
    z.object({ code: z.literal(code), message: z.string(), details: ProblemDetails[code].optional() }),
  ) as unknown as [WireErrorOf<'internal'>, ...Array<WireErrorOf<ProblemCode>>],
) as unknown as z.ZodType<WireError>;
type WireErrorOf<C extends ProblemCode> = z.ZodObject<{
  code: z.ZodLiteral<C>;
  message: z.ZodString;
  details: z.ZodOptional<DetailsSchemas[C]>;
}>;
export type WireError = { [C in ProblemCode]: z.infer<WireErrorOf<C>> }[ProblemCode];

class TypedArborError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    /** Read by code that handles any error; written only through the constructor, typed by the code. */
    readonly details?: AnyProblemDetails,
  ) {
    super(message);
    this.name = 'ArborError';
  }

  static validation(message: string, errors: FieldError[]): ArborError {
    return new TypedArborError('validation_failed', message, { errors });
  }

  /** Narrows to one code. */
  is<K extends ProblemCode>(code: K): this is ArborError & { readonly code: K } {
    return this.code === code;
  }

  /** Details the contract does not allow for the code are not sent (they could carry anything). */
  toWire(): WireError {
    const wire = WireError.safeParse(
      this.details === undefined
        ? { code: this.code, message: this.message }
        : { code: this.code, message: this.message, details: this.details },
    );
    return wire.success ? wire.data : { code: this.code, message: this.message };
  }

  static fromWire(wire: WireError): ArborError {
    return new TypedArborError(wire.code, wire.message, wire.details);
  }
}

/**
 * A typed, expected failure. Thrown by services; carried over RPC as a {@link WireError};
 * re-thrown on the calling side with the same code, message and details. The details a code may
 * carry are typed by the code (`rate_limited` needs `retryAfterSeconds`, `conflict` may carry
 * `currentStatus`), so a service cannot send what the contract does not describe.
 */
export type ArborError = TypedArborError;
// The constructor is typed by the code; instances are one type (so `instanceof` narrows plainly).
export const ArborError = TypedArborError as unknown as {
  new <C extends ProblemCode = ProblemCode>(code: C, message: string, ...details: DetailsArgs<C>): ArborError;
  readonly prototype: ArborError;
  validation(message: string, errors: FieldError[]): ArborError;
  fromWire(wire: WireError): ArborError;
};

/** zod issues → `[{path, message}]`, with paths written the way the API names fields. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part)));
    const joined = path.reduce(
      (acc, part) => (part.startsWith('[') || acc === '' ? acc + part : `${acc}.${part}`),
      '',
    );
    return { path: prefix && joined ? `${prefix}.${joined}` : prefix || joined, message: issue.message };
  });
}
