import { ProblemCode } from '@arbor/contracts';
import { problemFor, problemForStatus } from './problem';

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
