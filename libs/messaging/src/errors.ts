import { ArborError, WireError } from '@arbor/contracts';

/**
 * Turns anything a handler threw into what may cross the bus: typed errors intact, anything
 * else a generic `internal` error (the real one is logged by the caller of this function, never
 * sent: it may carry a stack or data).
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof ArborError) return error.toWire();
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
