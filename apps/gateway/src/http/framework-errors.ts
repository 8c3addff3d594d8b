import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problemFor, problemForStatus, PROBLEM_CONTENT_TYPE, sendProblem, type Problem } from './problem';

/**
 * What the client is told when HTTP itself goes wrong (no route, wrong method, a body the gateway
 * will not read). Fixed sentences: Fastify's and Nest's own messages quote the path, the content
 * type or a fragment of the body, and a problem must never echo the request back.
 */
const DETAIL_BY_CODE: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'the content type says JSON but the body is empty',
  FST_ERR_CTP_INVALID_JSON_BODY: 'the body is not valid JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'the Content-Length does not match the body',
  FST_ERR_CTP_BODY_TOO_LARGE: 'the body is larger than the gateway accepts',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'bodies are accepted as application/json, UTF-8 only',
  FST_ERR_CTP_INVALID_TYPE: 'the Content-Type header is malformed',
  FST_ERR_BAD_URL: 'the URL is malformed',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than any identifier the API uses',
};

const DETAIL_BY_STATUS: Record<number, string> = {
  400: 'the request is malformed',
  404: 'no such resource',
  405: 'this method is not allowed on this resource',
  406: 'the requested representation is not available',
  408: 'the request took too long to arrive',
  413: 'the body is larger than the gateway accepts',
  414: 'the URL is longer than the gateway accepts',
  415: 'bodies are accepted as application/json, UTF-8 only',
  431: 'the request headers are larger than the gateway accepts',
};

/**
 * A problem for an error raised by Fastify or Nest before a handler ran, `undefined` for anything
 * that is not one (a 5xx, or no status at all, is for the caller to treat as internal).
 */
export function frameworkProblem(error: unknown): Problem | undefined {
  const status = (error as { statusCode?: unknown; status?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const code = (error as { code?: unknown }).code;
  const detail =
    (typeof code === 'string' ? DETAIL_BY_CODE[code] : undefined) ??
    (error instanceof SyntaxError ? 'the body is not valid JSON' : undefined) ??
    DETAIL_BY_STATUS[status] ??
    'the request cannot be served';
  return status === 400
    ? problemFor('validation_failed', detail, { errors: [] })
    : problemForStatus(status, detail);
}

/** The fixed detail for an HTTP status Nest raised itself (its 404 names the path). */
export function detailForStatus(status: number): string {
  return DETAIL_BY_STATUS[status] ?? 'the request cannot be served';
}

/**
 * Fastify's `frameworkErrors`: a malformed URL or an over-long path parameter is answered before
 * any route (or Nest) sees the request, so it gets its problem here.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  sendProblem(request, reply, frameworkProblem(error) ?? problemFor('internal', 'internal error'));
}

/**
 * Fastify's `clientErrorHandler`: the request could not even be parsed as HTTP (headers too
 * large, a timeout, garbage). There is no request to answer through, so the problem is written to
 * the socket, the way Node itself would answer.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(
    status === 400
      ? problemFor('validation_failed', detailForStatus(400), { errors: [] })
      : problemForStatus(status, detailForStatus(status)),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${problemForStatus(status, '').title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/**
 * The methods each route template answers, so that a known path with an unknown method is a
 * `405` with `Allow` rather than Fastify's `404`.
 */
export class RouteMethods {
  private readonly routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  private readonly byUrl = new Map<string, Set<string>>();

  add(methods: string | string[], url: string): void {
    let known = this.byUrl.get(url);
    if (!known) {
      known = new Set();
      this.byUrl.set(url, known);
      this.routes.push({ pattern: templatePattern(url), methods: known });
    }
    for (const method of Array.isArray(methods) ? methods : [methods]) known.add(method.toUpperCase());
    if (known.has('GET')) known.add('HEAD');
  }

  /** Every method some route answers at this path (query string ignored); empty for an unknown path. */
  allowed(url: string): string[] {
    const path = url.split('?', 1)[0] ?? url;
    const methods = new Set<string>();
    for (const route of this.routes) {
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort();
  }
}

/** `/api/v1/practices/:pid/staff` → a regular expression one concrete path must match whole. */
function templatePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment === '*'
        ? '.*'
        : segment.startsWith(':')
          ? '[^/]+'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}
