import { isConnectionLost, isUniqueViolation, sqlStateOf } from './pg-errors';

/** What drizzle throws: its own error, the driver's as `cause`. */
function wrapped(cause: unknown): Error {
  return Object.assign(new Error('Failed query: insert into "x" values ($1)\nparams: secret'), { cause });
}
const pgError = (code: string, message = 'boom') => Object.assign(new Error(message), { code });

describe('reading PostgreSQL errors', () => {
  it('finds a unique violation bare or wrapped, and nothing else', () => {
    expect(isUniqueViolation(pgError('23505'))).toBe(true);
    expect(isUniqueViolation(wrapped(pgError('23505')))).toBe(true);
    expect(isUniqueViolation(wrapped(pgError('23503')))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });

  it('reads the SQLSTATE through the wrapper, not a socket code', () => {
    expect(sqlStateOf(wrapped(pgError('22021')))).toBe('22021');
    expect(sqlStateOf(pgError('ECONNREFUSED'))).toBeUndefined();
  });

  it.each([
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset socket', wrapped(pgError('ECONNRESET', 'read ECONNRESET'))],
    ['a socket closed mid-query', wrapped(new Error('Connection terminated unexpectedly'))],
    [
      'a pooled client whose socket died',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    [
      'pg_terminate_backend (57P01)',
      wrapped(pgError('57P01', 'terminating connection due to administrator command')),
    ],
    ['a crash shutdown (57P02)', pgError('57P02')],
    ['a server still starting (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (class 08)', pgError('08006')],
    ['a server out of connection slots (53300)', pgError('53300', 'sorry, too many clients already')],
    [
      'a database closed to connections (55000)',
      pgError('55000', 'database "arbor_identity" is not currently accepting connections'),
    ],
  ])('counts %s as a lost connection', (_name, error) => {
    expect(isConnectionLost(error)).toBe(true);
  });

  it.each([
    ['a unique violation', wrapped(pgError('23505'))],
    ['a bad parameter', wrapped(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))],
    ['a query cancelled by timeout (57014)', pgError('57014')],
    [
      'another object-state error (55000)',
      pgError('55000', 'cannot ALTER TABLE because it has pending trigger events'),
    ],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
  ])('does not count %s as a lost connection', (_name, error) => {
    expect(isConnectionLost(error)).toBe(false);
  });

  it('stops on a cause chain that loops', () => {
    const a: { cause?: unknown; message: string } = { message: 'a' };
    a.cause = { message: 'b', cause: a };
    expect(isConnectionLost(a)).toBe(false);
  });
});
