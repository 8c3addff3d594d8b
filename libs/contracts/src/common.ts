import { z } from 'zod';

// An unpaired UTF-16 surrogate: JSON can carry one (`"\uD800"`), UTF-8 cannot, so neither can the
// database.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every string that crosses a boundary: any Unicode text, but never NUL (PostgreSQL refuses it
 * in `text`) nor a lone surrogate (not representable in UTF-8). Refused as a 400 naming the field,
 * before it can reach a database and become a 500.
 */
export const SafeString = z
  .string()
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
  .refine((value) => !LONE_SURROGATE.test(value), 'must not contain unpaired surrogate characters');

/** Every id in Arbor is a UUID (v7 when Arbor mints it). */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** ISO 8601 instant, always UTC on the wire. */
export const IsoDateTime = z.iso.datetime({ offset: false });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** Money is integer minor units (cents), never a float. */
export const MinorUnits = z.number().int().safe();
export type MinorUnits = z.infer<typeof MinorUnits>;

/** ISO 4217 alphabetic code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
export type Currency = z.infer<typeof Currency>;

export const Money = z.object({ amount: MinorUnits, currency: Currency });
export type Money = z.infer<typeof Money>;

export const Role = z.enum(['admin', 'provider', 'client']);
export type Role = z.infer<typeof Role>;

/**
 * Who is acting: the person, the practice they act in, and the role they are acting as.
 * Services receive it in every message and re-check their own resource rules with it.
 */
export const Actor = z.object({ userId: Id, practiceId: Id, role: Role });
export type Actor = z.infer<typeof Actor>;

/** The actor of work Arbor does by itself (relays, recovery jobs, migrations). */
export const SystemActor = z.object({ system: z.string().min(1).max(100) });
export type SystemActor = z.infer<typeof SystemActor>;

export const AnyActor = z.union([Actor, SystemActor]);
export type AnyActor = z.infer<typeof AnyActor>;
