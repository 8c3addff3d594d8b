import { z } from 'zod';

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

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

/** The typed error that travels back over the bus, intact. */
export const WireError = z.object({
  code: ProblemCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof WireError>;

/**
 * A typed, expected failure. Thrown by services; carried over RPC as a {@link WireError};
 * re-thrown on the calling side with the same code, message and details.
 */
export class ArborError extends Error {
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ArborError';
  }

  static validation(message: string, errors: FieldError[]): ArborError {
    return new ArborError('validation_failed', message, { errors });
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromWire(wire: WireError): ArborError {
    return new ArborError(wire.code, wire.message, wire.details);
  }
}

/** zod issues → `[{path, message}]`, with paths written the way API.md names fields. */
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
