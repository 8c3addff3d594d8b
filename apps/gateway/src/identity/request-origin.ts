import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '@arbor/contracts';

/** Where a request came from, as identity needs it for lockout and the audit trail. */
export function requestOrigin(request: FastifyRequest): RequestOrigin {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, ...(userAgent ? { userAgent: userAgent.slice(0, 512) } : {}) };
}
