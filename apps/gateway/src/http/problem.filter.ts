import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArborError, type FieldError } from '@arbor/contracts';
import type { Logger } from '@arbor/observability';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { problemFor, problemForStatus, PROBLEM_CONTENT_TYPE, type Problem } from './problem';

/**
 * Every error leaves the gateway as RFC 9457 problem+json: a service's typed error mapped by its
 * code, HTTP-level errors by their status, and anything unexpected as a bare 500 (logged here,
 * never echoed: no stack trace or internal message reaches a client).
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(GATEWAY_LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    if (problem.status >= 500) {
      this.logger.error({ err: error, status: problem.status, url: request.url }, 'request failed');
    }
    void reply
      .status(problem.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({ ...problem, instance: request.url, requestId: request.id });
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof ArborError) {
      if (error.code === 'validation_failed') {
        const errors = (error.details?.['errors'] as FieldError[] | undefined) ?? [];
        return problemFor('validation_failed', error.message, { errors });
      }
      if (error.code === 'internal') return problemFor('internal', 'internal error');
      return problemFor(error.code, error.message, error.details ?? {});
    }
    if (error instanceof HttpException) {
      const response = error.getResponse();
      const detail = typeof response === 'string' ? response : error.message;
      return problemForStatus(error.getStatus(), detail);
    }
    // Fastify's own errors (malformed JSON, body too large, wrong content type) carry a 4xx status.
    const status = (error as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail = error instanceof Error ? error.message : 'bad request';
      return status === 400
        ? problemFor('validation_failed', detail, { errors: [] })
        : problemForStatus(status, detail);
    }
    return problemFor('internal', 'internal error');
  }
}
