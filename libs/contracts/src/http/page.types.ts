import { z } from 'zod';
import { SafeString } from '../common';

/** How many items a page holds when the caller does not say, and at most. */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

/** `?limit=`: 1 to 100, 50 when absent; anything else is a 400 naming `limit`. */
export const PageLimit = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(PAGE_LIMIT_MAX, `must be at most ${PAGE_LIMIT_MAX}`)
  .default(PAGE_LIMIT_DEFAULT);

/** A page of a list: `nextCursor` is `null` on the last page; pass it back as `?cursor=` for the next. */
export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type Page<T> = { items: T[]; nextCursor: string | null };

const CURSOR_VERSION = 1;
const MAX_CURSOR_LENGTH = 512;

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
}

export interface CursorCodec<K> {
  /** The opaque `nextCursor` for a page that ended at `key`. */
  encode(key: K): string;
  /** The key back, or `undefined` for anything this list did not hand out (tampered, foreign, old). */
  decode(cursor: string): K | undefined;
  /** `?cursor=` as it is validated: a string this list's `decode` accepts. */
  readonly schema: z.ZodType<string, string>;
}

/**
 * Keyset-paging cursors for one list: base64url of `{v, l, k}` (format version, the list's name,
 * its key), so a cursor is opaque to callers, and one that was edited or belongs to another list
 * fails the zod check on decode (a 400 naming `cursor`, never a 500). Opaque is not secret: keys
 * hold ids and timestamps, never personal data.
 */
export function cursorCodec<K extends z.ZodType>(list: string, key: K): CursorCodec<z.infer<K>> {
  const Envelope = z.strictObject({ v: z.literal(CURSOR_VERSION), l: z.literal(list), k: key });
  const decode = (cursor: string): z.infer<K> | undefined => {
    if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
      return undefined;
    }
    try {
      const parsed = Envelope.safeParse(JSON.parse(fromBase64Url(cursor)));
      return parsed.success ? (parsed.data as { k: z.infer<K> }).k : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    encode: (value) => toBase64Url(JSON.stringify({ v: CURSOR_VERSION, l: list, k: value })),
    decode,
    schema: SafeString.max(MAX_CURSOR_LENGTH).refine(
      (cursor) => decode(cursor) !== undefined,
      'is not a cursor of this list: pass back the nextCursor of a previous page',
    ),
  };
}

/** `?limit=&cursor=` of a list whose cursors `codec` hands out. */
export function pageQuery<K>(codec: CursorCodec<K>) {
  return z.object({ limit: PageLimit, cursor: codec.schema.optional() });
}

/**
 * The same, as a list query's message payload carries it: `limit` may be left out (a caller over
 * the bus gets {@link PAGE_LIMIT_DEFAULT}), the cursor is checked on both sides of the bus.
 */
export function pageRequest<K>(codec: CursorCodec<K>) {
  return z.object({
    limit: z.number().int().min(1).max(PAGE_LIMIT_MAX).optional(),
    cursor: codec.schema.optional(),
  });
}

/**
 * The page of `limit` items out of `limit + 1` fetched (the extra one only says whether there is
 * more), with the cursor of its last item.
 */
export function pageOf<T, K>(rows: T[], limit: number, codec: CursorCodec<K>, keyOf: (row: T) => K): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? codec.encode(keyOf(last)) : null };
}
