import { MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { ArborError } from '@arbor/contracts';
import { toProblem } from './problem.filter';

describe('problems from errors', () => {
  it('keeps a service’s typed error, its message and details', () => {
    expect(
      toProblem(new ArborError('rate_limited', 'too many failed logins', { retryAfterSeconds: 900 })),
    ).toEqual({
      type: 'urn:arbor:problem:rate_limited',
      title: 'Too many requests',
      status: 429,
      detail: 'too many failed logins',
      retryAfterSeconds: 900,
    });
  });

  it('says which service is away to the logs only, keeping the wait it names', () => {
    const problem = toProblem(
      new ArborError('service_unavailable', 'identity did not answer within 5000 ms', {
        service: 'identity',
        timeoutMs: 5000,
        retryAfterSeconds: 10,
      }),
    );
    expect(problem).toMatchObject({ status: 503, retryAfterSeconds: 10 });
    expect(JSON.stringify(problem)).not.toMatch(/identity|5000/);
  });

  it('answers Nest’s own HTTP errors with fixed sentences (its 404 quotes the path)', () => {
    const notFound = toProblem(new NotFoundException('Cannot GET /api/v1/x-probe'));
    expect(notFound).toMatchObject({ status: 404, detail: 'no such resource' });
    expect(toProblem(new MethodNotAllowedException())).toMatchObject({
      status: 405,
      title: 'Method not allowed',
    });
    expect(JSON.stringify(notFound)).not.toContain('x-probe');
  });

  it('answers anything unexpected with a bare 500', () => {
    expect(toProblem(new Error('connection string postgres://x'))).toEqual({
      type: 'urn:arbor:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'internal error',
    });
  });
});
