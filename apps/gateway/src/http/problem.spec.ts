import { ProblemCode } from '@arbor/contracts';
import { problemFor, problemForStatus, retryAfterSecondsOf } from './problem';

describe('problem details', () => {
  it('maps every service error code to one HTTP status', () => {
    const statuses = Object.fromEntries(
      ProblemCode.options.map((code) => [code, problemFor(code, 'x').status]),
    );
    expect(statuses).toEqual({
      validation_failed: 400,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payment_declined: 402,
      rate_limited: 429,
      service_unavailable: 503,
      internal: 500,
    });
  });

  it('keeps extension members such as the current status of a conflict', () => {
    expect(problemFor('conflict', 'invoice is paid', { currentStatus: 'paid' })).toEqual({
      type: 'urn:arbor:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'invoice is paid',
      currentStatus: 'paid',
    });
  });

  it('describes HTTP-level statuses too', () => {
    expect(problemForStatus(405, 'PUT not allowed')).toMatchObject({
      status: 405,
      title: 'Method not allowed',
    });
    expect(problemForStatus(404, 'Cannot GET /x')).toMatchObject({ type: 'urn:arbor:problem:not_found' });
  });
});

describe('Retry-After', () => {
  it('takes the wait a 429 or 503 names, rounded up to whole seconds', () => {
    expect(retryAfterSecondsOf(problemFor('rate_limited', 'x', { retryAfterSeconds: 900 }))).toBe(900);
    expect(retryAfterSecondsOf(problemFor('service_unavailable', 'x', { retryAfterSeconds: 2.2 }))).toBe(3);
  });

  it('falls back to a default for a 429 or 503 that names none, and has none for other statuses', () => {
    expect(retryAfterSecondsOf(problemFor('service_unavailable', 'x'))).toBe(5);
    expect(retryAfterSecondsOf(problemFor('rate_limited', 'x', { retryAfterSeconds: -1 }))).toBe(60);
    expect(retryAfterSecondsOf(problemFor('conflict', 'x', { retryAfterSeconds: 9 }))).toBeUndefined();
  });
});
