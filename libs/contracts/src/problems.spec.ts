import { ArborError, WireError } from './problems';

describe('typed problem details', () => {
  it('types the details by code, so a service cannot send what the contract lacks', () => {
    // Compile-time checks: each of these lines would not typecheck without its directive.
    // @ts-expect-error rate_limited needs retryAfterSeconds
    expect(new ArborError('rate_limited', 'slow down').code).toBe('rate_limited');
    // @ts-expect-error conflict carries no such member
    expect(new ArborError('conflict', 'x', { secret: 'leak' }).code).toBe('conflict');
    // @ts-expect-error not_found carries nothing
    expect(new ArborError('not_found', 'x', { id: '1' }).code).toBe('not_found');
    expect(new ArborError('conflict', 'x', { limit: 5 }).details).toEqual({ limit: 5 });
  });

  it('narrows an error to its code', () => {
    const error: ArborError = new ArborError('rate_limited', 'slow down', { retryAfterSeconds: 30 });
    expect(error.is('rate_limited') && error.code).toBe('rate_limited');
    expect(error.details?.retryAfterSeconds).toBe(30);
    expect(error.is('conflict')).toBe(false);
  });

  it('checks details on the wire: unknown members are dropped, wrong types refused', () => {
    expect(
      WireError.parse({ code: 'conflict', message: 'x', details: { currentStatus: 'paid', stack: 'at …' } }),
    ).toEqual({ code: 'conflict', message: 'x', details: { currentStatus: 'paid' } });
    expect(
      WireError.safeParse({ code: 'rate_limited', message: 'x', details: { retryAfterSeconds: 'soon' } })
        .success,
    ).toBe(false);
    expect(WireError.safeParse({ code: 'teapot', message: 'x' }).success).toBe(false);
  });

  it('never sends details that break the contract, even when a cast let them through', () => {
    const forced = new ArborError('rate_limited', 'x', { retryAfterSeconds: 'soon' as unknown as number });
    expect(forced.toWire()).toEqual({ code: 'rate_limited', message: 'x' });
    const fine = new ArborError('validation_failed', 'x', { errors: [{ path: 'name', message: 'short' }] });
    expect(ArborError.fromWire(fine.toWire()).details).toEqual({
      errors: [{ path: 'name', message: 'short' }],
    });
  });
});
