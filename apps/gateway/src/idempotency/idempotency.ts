import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { defer, mergeMap, of, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '@arbor/auth';
import { ArborError, type HttpRoute } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import { HTTP_ROUTE } from '../openapi/endpoint.decorator';
import {
  conflictError,
  sentIdempotencyKey,
  idempotencyRecordKey,
  isKeptAnswer,
  repeatOutcome,
  REPLAYED_HEADER,
  requestFingerprint,
  type StoredAnswer,
} from './idempotency-key';
import { IdempotencyRecords, type HeldLock } from './idempotency-records.repository';

/** What the interceptor decided for a request, for the `onSend` hook that sees its answer. */
type Pending =
  { kind: 'run'; lock: HeldLock; fingerprint: string } | { kind: 'replay'; answer: StoredAnswer };

type IdempotentRequest = FastifyRequest & AuthenticatedRequest;

/** Whether the route's own schemas accept the request, as `@RouteInput()` will check them. */
function acceptsInput(route: HttpRoute, request: FastifyRequest): boolean {
  return (
    (route.params?.safeParse(request.params ?? {}).success ?? true) &&
    (route.query?.safeParse(request.query ?? {}).success ?? true) &&
    (route.body?.safeParse(request.body).success ?? true)
  );
}

/**
 * `Idempotency-Key` on the routes whose contract says `idempotent` (docs/adr/0021). A Nest
 * interceptor, so it acts after the auth guard (a refused caller takes no key, and the key is
 * scoped by a verified person) and only for input the route accepts (a 400 from the route's
 * schemas is not kept: the client fixes the body and retries with the same key, as with
 * Stripe). The answer is kept, and a replay written, in Fastify's `onSend`, where the final
 * status and body — problems included, as the filter wrote them — are known.
 */
export class Idempotency implements NestInterceptor {
  private readonly records: IdempotencyRecords;
  private readonly pending = new WeakMap<FastifyRequest, Pending>();

  constructor(
    redis: Redis,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {
    this.records = new IdempotencyRecords(redis);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const route = Reflect.getMetadata(HTTP_ROUTE, context.getHandler()) as HttpRoute | undefined;
    if (!route?.idempotent) return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const key = sentIdempotencyKey(request.raw.headersDistinct);
    const userId = request.auth?.claims.sub;
    // No key: the client asked for no protection. No person: nothing to scope a key by.
    if (key === undefined || userId === undefined || !acceptsInput(route, request)) return next.handle();
    const recordKey = idempotencyRecordKey(this.namespace, {
      userId,
      method: route.method,
      routePath: route.path,
      key,
    });
    const fingerprint = requestFingerprint({ url: request.url, body: request.body });
    return defer(() => this.begin(request, recordKey, fingerprint)).pipe(
      mergeMap((replay) => (replay ? of(undefined) : next.handle())),
    );
  }

  /** Takes the key (→ `false`: run the handler) or finds its answer (→ `true`: replay it). */
  private async begin(request: FastifyRequest, recordKey: string, fingerprint: string): Promise<boolean> {
    let acquired;
    try {
      acquired = await this.records.acquire(recordKey, fingerprint);
    } catch (error) {
      // Unlike the rate limiter, refuse: running without the key could charge a card twice.
      this.logger.warn({ err: error }, 'idempotency keys unreachable: refusing a request that sent one');
      throw new ArborError('service_unavailable', 'idempotency keys unreachable', { retryAfterSeconds: 5 });
    }
    if (acquired.taken) {
      this.pending.set(request, { kind: 'run', lock: acquired.lock, fingerprint });
      return false;
    }
    const outcome = repeatOutcome(acquired.existing, fingerprint);
    if (outcome.kind === 'conflict') throw conflictError(outcome.reason);
    this.pending.set(request, { kind: 'replay', answer: outcome.answer });
    return true;
  }

  /** Fastify `onSend`: writes a replay, or keeps (or frees) the key of a request that ran. */
  async onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const pending = this.pending.get(request);
    if (!pending) return payload;
    this.pending.delete(request);
    if (pending.kind === 'replay') {
      const { answer } = pending;
      void reply.code(answer.status).header(REPLAYED_HEADER, 'true');
      if (answer.contentType !== undefined) void reply.header('content-type', answer.contentType);
      return answer.body;
    }
    const body = typeof payload === 'string' ? payload : payload == null ? '' : undefined;
    try {
      if (!isKeptAnswer(reply.statusCode) || body === undefined) {
        await this.records.release(pending.lock);
        return payload;
      }
      const contentType = reply.getHeader('content-type');
      const kept = await this.records.complete(pending.lock, {
        state: 'done',
        fingerprint: pending.fingerprint,
        status: reply.statusCode,
        ...(typeof contentType === 'string' ? { contentType } : {}),
        body,
      });
      if (!kept) this.logger.warn('an idempotency key expired while its request ran: its answer is not kept');
    } catch (error) {
      // The work is done: the client gets its answer. The key stays locked until it expires, so a
      // repeat meanwhile answers 409 rather than running again.
      this.logger.error({ err: error }, 'could not keep the answer of an idempotent request');
    }
    return payload;
  }
}

/**
 * Mounts idempotency keys: the interceptor (global, so every `idempotent` route has it) and the
 * `onSend` hook. Before `app.init()`, so Nest builds every route with the interceptor.
 */
export function registerIdempotency(
  app: NestFastifyApplication,
  options: { redis: Redis; namespace: string; logger: Logger },
): void {
  const idempotency = new Idempotency(options.redis, options.namespace, options.logger);
  app.useGlobalInterceptors(idempotency);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload) => idempotency.onSend(request, reply, payload));
}
