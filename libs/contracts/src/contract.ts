import { z } from 'zod';
import { AnyActor, Id, IsoDateTime } from './common';

/**
 * Message names: `<service>.<entity>.<verb>.v<N>` for commands and queries,
 * `<service>.<entity>.<past-tense>.v<N>` for events. A published name is never edited; a change
 * is a new `v<N+1>` beside the old one.
 */
const MESSAGE_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

export interface RequestContract<
  TPattern extends string = string,
  TPayload extends z.ZodType = z.ZodType,
  TReply extends z.ZodType = z.ZodType,
> {
  readonly kind: 'command' | 'query';
  readonly pattern: TPattern;
  readonly payload: TPayload;
  readonly reply: TReply;
}

export interface EventContract<TPattern extends string = string, TData extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly pattern: TPattern;
  readonly data: TData;
  /** The whole envelope, with `data` typed: what consumers validate on receive. */
  readonly envelope: z.ZodType<EventEnvelope<z.infer<TData>>>;
}

export type PayloadOf<C extends RequestContract> = z.infer<C['payload']>;
export type ReplyOf<C extends RequestContract> = z.infer<C['reply']>;
export type DataOf<C extends EventContract> = z.infer<C['data']>;

function checkName(pattern: string): void {
  if (!MESSAGE_NAME.test(pattern)) {
    throw new Error(`message name "${pattern}" does not follow <service>.<entity>.<verb>.v<N>`);
  }
}

/** A request that changes state. */
export function command<P extends string, TPayload extends z.ZodType, TReply extends z.ZodType>(
  pattern: P,
  schemas: { payload: TPayload; reply: TReply },
): RequestContract<P, TPayload, TReply> {
  checkName(pattern);
  return Object.freeze({ kind: 'command', pattern, ...schemas });
}

/** A request that only reads. */
export function query<P extends string, TPayload extends z.ZodType, TReply extends z.ZodType>(
  pattern: P,
  schemas: { payload: TPayload; reply: TReply },
): RequestContract<P, TPayload, TReply> {
  checkName(pattern);
  return Object.freeze({ kind: 'query', pattern, ...schemas });
}

/** W3C trace-context `traceparent` (version 00). */
export const TraceParent = z.string().regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/);

export const EventEnvelopeBase = z.object({
  id: Id,
  type: z.string().regex(MESSAGE_NAME),
  occurredAt: IsoDateTime,
  /** `null` only for events that concern no single practice. */
  practiceId: Id.nullable(),
  actor: AnyActor,
  traceparent: TraceParent.optional(),
});

export type EventEnvelope<TData> = z.infer<typeof EventEnvelopeBase> & { data: TData };

export function event<P extends string, TData extends z.ZodType>(
  pattern: P,
  schemas: { data: TData },
): EventContract<P, TData> {
  checkName(pattern);
  const envelope = EventEnvelopeBase.extend({
    type: z.literal(pattern),
    data: schemas.data,
  }) as unknown as z.ZodType<EventEnvelope<z.infer<TData>>>;
  return Object.freeze({ kind: 'event', pattern, data: schemas.data, envelope });
}
