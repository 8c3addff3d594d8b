import { createHash, randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '@arbor/auth';
import { sentIdempotencyKey } from '../idempotency/idempotency-key';

/**
 * The key a money operation hands the services, from the request's `Idempotency-Key`.
 *
 * Payments keeps keys per practice, so the client's own key is not passed as it is: two clients of
 * one practice who both send `1` would share a charge. It is bound to the person and the request's
 * path (so one key cannot pay two invoices, even after the gateway's record of it expired) and
 * hashed into a key of payments' form, whatever printable key the client chose. The same key on
 * the same request always gives the same result, so a retry reaches payments as a retry.
 *
 * Without a header, as with Stripe, the request is a new operation: a fresh random key.
 */
export function paymentIdempotencyKey(
  sent: string | undefined,
  scope: { userId: string; method: string; path: string },
): string {
  if (sent === undefined) return `gw-${randomUUID()}`;
  const digest = createHash('sha256')
    .update([scope.userId, scope.method, scope.path, sent].join('\0'))
    .digest('base64url');
  return `gw-${digest}`;
}

/** {@link paymentIdempotencyKey} of the current request, read as the idempotency interceptor reads it. */
export const PaymentIdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
  const sent = sentIdempotencyKey(request.raw.headersDistinct);
  const userId = request.auth?.claims.sub;
  if (userId === undefined) throw new Error('a money route runs only for a signed-in person');
  return paymentIdempotencyKey(sent, {
    userId,
    method: request.method,
    path: request.url.split('?')[0] ?? request.url,
  });
});
