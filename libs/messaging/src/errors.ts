import { ArborError, WireError } from '@arbor/contracts';
import { isConnectionLost } from '@arbor/database';

/**
 * How long a caller is told to wait after the service lost its database connection: the pool
 * opens a new connection on the next request, so a restart or failover is the usual wait.
 */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * Turns anything a handler threw into what may cross the bus: typed errors intact; a lost or
 * refused database connection `service_unavailable` with a `retryAfterSeconds` (nothing is wrong
 * with the request, the same one will work in a moment; the gateway answers 503 with
 * Retry-After); anything else a generic `internal` error (the real one is logged by the caller
 * of this function, never sent: it may carry a stack or data).
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof ArborError) return error.toWire();
  if (isConnectionLost(error)) {
    return {
      code: 'service_unavailable',
      message: 'the service lost its database connection: try again in a moment',
      details: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    };
  }
  return { code: 'internal', message: 'internal error' };
}

/** What the caller sees for whatever came back (or did not) from a request. */
export function fromRemoteError(error: unknown, service: string): ArborError {
  if (error instanceof ArborError) return error;
  const wire = WireError.safeParse(error);
  if (wire.success) return ArborError.fromWire(wire.data);
  // amqp-connection-manager rejects with a plain string while the broker is away; Nest answers a
  // pattern nobody handles with a string too (a replica of an older version, mid-deploy).
  const message =
    typeof error === 'string' ? error : error instanceof Error ? error.message : 'unknown error';
  return new ArborError('service_unavailable', `${service} is unavailable: ${message}`, { service });
}
