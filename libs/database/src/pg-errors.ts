/**
 * Reading PostgreSQL's errors, however they arrive: drizzle wraps the driver's error
 * (`DrizzleQueryError`, the driver's error as `cause`), pg-pool rejects with the socket's error.
 */

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
}

/** The error and the causes it wraps, outermost first (bounded: a cause chain may loop). */
function chain(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && found.length < 8) {
    if (found.includes(current)) break;
    found.push(current);
    current = (current as ErrorLike).cause;
  }
  return found;
}

/** The SQLSTATE of the failure (`23505`…), if PostgreSQL answered with one. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const link of chain(error)) {
    if (typeof link.code === 'string' && /^[0-9A-Z]{5}$/.test(link.code)) return link.code;
  }
  return undefined;
}

/** PostgreSQL's unique_violation, however drizzle wraps the driver's error. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === '23505';
}

/** Socket errors that mean the server is not there (restarting, failing over, unreachable). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
/** 57P01 admin_shutdown / pg_terminate_backend, 57P02 crash_shutdown, 57P03 cannot_connect_now. */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
/** 53300 too_many_connections: the server is there but has no slot for us yet. */
const NO_SLOT_STATES = new Set(['53300']);
/**
 * 55000 is a broad "object not in prerequisite state"; only this message of it means the
 * database refuses connections for now (`ALLOW_CONNECTIONS false` during maintenance).
 */
const NOT_ACCEPTING = /is not currently accepting connections/;
/** What pg says, without a code, when the socket closed under a query or a pooled client. */
const LOST_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

/**
 * The database connection was lost or refused: nothing is wrong with the request, and the same
 * request is worth sending again in a moment (the pool reconnects on the next checkout).
 * SQLSTATE class 08 is "connection exception".
 */
export function isConnectionLost(error: unknown): boolean {
  return chain(error).some((link) => {
    const code = typeof link.code === 'string' ? link.code : undefined;
    const message = typeof link.message === 'string' ? link.message : '';
    if (
      code &&
      (SOCKET_CODES.has(code) ||
        SHUTDOWN_STATES.has(code) ||
        NO_SLOT_STATES.has(code) ||
        /^08[0-9A-Z]{3}$/.test(code) ||
        (code === '55000' && NOT_ACCEPTING.test(message)))
    )
      return true;
    return LOST_MESSAGES.some((pattern) => pattern.test(message));
  });
}
