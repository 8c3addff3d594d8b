import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ArborError } from '@arbor/contracts';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that was stored, not produced again: a client can tell a retry's answer. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/** Printable ASCII, as Stripe takes it (a UUID fits; so does any client's own scheme). */
const KEY = /^[\x20-\x7E]{1,255}$/;

/**
 * The `Idempotency-Key` a request sent, or `undefined` for none. A key that is not 1–255
 * printable characters (or is sent twice) is refused with 400 rather than ignored: ignoring it
 * would run the request unprotected while the client believes a retry is safe.
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header === 'string' && KEY.test(header)) return header;
  throw ArborError.validation('invalid Idempotency-Key', [
    { path: 'Idempotency-Key', message: 'one key of 1 to 255 printable ASCII characters' },
  ]);
}

/**
 * The key of a request, from Node's `headersDistinct`: a header sent twice stays two values there
 * (and is refused), where `headers` would join them into one "a, b" that passes for one key.
 */
export function sentIdempotencyKey(
  headersDistinct: Readonly<Record<string, string[] | undefined>>,
): string | undefined {
  const sent = headersDistinct[IDEMPOTENCY_KEY_HEADER];
  return idempotencyKeyOf(sent?.length === 1 ? sent[0] : sent);
}

/** JSON with object members sorted: the same parameters in another order are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, member]) => `${JSON.stringify(name)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What makes two requests "the same" for a key: the URL (path parameters and query, so one key
 * cannot pay two invoices) and the body, as parsed. Hashed: the stored record needs no PHI.
 */
export function requestFingerprint(request: { url: string; body: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson({ url: request.url, body: request.body ?? null }))
    .digest('base64url');
}

/**
 * The Redis key of one person's key on one operation: two people, or two operations, never
 * share a key's answer. `<namespace>:gateway:idempotency:<user>:<METHOD> <template>:<key>`.
 */
export function idempotencyRecordKey(
  namespace: string,
  scope: { userId: string; method: string; routePath: string; key: string },
): string {
  return `${namespace}:gateway:idempotency:${scope.userId}:${scope.method} ${scope.routePath}:${scope.key}`;
}

export const InFlightRecord = z.object({
  state: z.literal('in_flight'),
  fingerprint: z.string(),
  /** Random per request: only the request that took the lock completes or releases it. */
  owner: z.string(),
});
export type InFlightRecord = z.infer<typeof InFlightRecord>;

export const StoredAnswer = z.object({
  state: z.literal('done'),
  fingerprint: z.string(),
  status: z.number().int(),
  contentType: z.string().optional(),
  body: z.string(),
});
export type StoredAnswer = z.infer<typeof StoredAnswer>;

export const IdempotencyRecord = z.discriminatedUnion('state', [InFlightRecord, StoredAnswer]);
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

export type RepeatOutcome =
  { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict'; reason: 'other_request' | 'in_flight' };

/** What a request whose key is already taken gets: the first answer, or a 409 saying why not. */
export function repeatOutcome(existing: IdempotencyRecord, fingerprint: string): RepeatOutcome {
  if (existing.fingerprint !== fingerprint) return { kind: 'conflict', reason: 'other_request' };
  if (existing.state === 'in_flight') return { kind: 'conflict', reason: 'in_flight' };
  return { kind: 'replay', answer: existing };
}

export function conflictError(reason: 'other_request' | 'in_flight'): ArborError {
  return new ArborError(
    'conflict',
    reason === 'other_request'
      ? 'this Idempotency-Key was already used for a different request: use a new key for a new request'
      : 'a request with this Idempotency-Key is still being processed: wait for it, then retry',
    { field: 'Idempotency-Key' },
  );
}

/**
 * Whether an answer is kept for repeats. A 5xx is not: the request failed on our side (a service
 * away, a timeout), so the client may retry with the same key and have it run — the services'
 * own idempotency (a payment attempt's key) covers work that did happen before the failure.
 * Anything else the operation answered, including a refusal (402, 404, 409), is kept.
 */
export function isKeptAnswer(status: number): boolean {
  return status < 500;
}
