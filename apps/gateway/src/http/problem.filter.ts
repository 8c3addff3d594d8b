import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArborError, type FieldError } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { detailForStatus, frameworkProblem } from './framework-errors';
import { problemFor, problemForStatus, sendProblem, type Problem } from './problem';

/**
 * Every error leaves the gateway as RFC 9457 problem+json: a service's typed error mapped by its
 * code, HTTP-level errors by their status, and anything unexpected as a bare 500 (logged here,
 * never echoed: no stack trace or internal message reaches a client). Nothing the client sent
 * (path, headers, body) is written into a problem: the request is named by its id.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error);
    if (problem.status >= 500) {
      // The route template, not the URL: a URL can carry an invitation token.
      const route = request.routeOptions.url ?? 'unmatched';
      this.logger.error({ err: error, status: problem.status, route }, 'request failed');
    }
    sendProblem(request, reply, problem);
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof ArborError) {
    const details = (error.details ?? {}) as Record<string, unknown>;
    if (error.code === 'validation_failed') {
      const errors = (details['errors'] as FieldError[] | undefined) ?? [];
      return problemFor('validation_failed', error.message, { errors });
    }
    if (error.code === 'internal') return problemFor('internal', 'internal error');
    if (error.code === 'service_unavailable') {
      // Which service did not answer, and how, is for the logs and the ops port, not the public.
      const retryAfterSeconds = details['retryAfterSeconds'];
      return problemFor(
        'service_unavailable',
        'Arbor cannot answer this request right now: try again shortly',
        typeof retryAfterSeconds === 'number' ? { retryAfterSeconds } : {},
      );
    }
    return problemFor(error.code, error.message, details);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return status >= 500
      ? problemFor('internal', 'internal error')
      : status === 400
        ? problemFor('validation_failed', detailForStatus(400), { errors: [] })
        : problemForStatus(status, detailForStatus(status));
  }
  return frameworkProblem(error) ?? problemFor('internal', 'internal error');
}
