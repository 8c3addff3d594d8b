import { ArborError } from '@arbor/contracts';
import {
  canonicalJson,
  idempotencyKeyOf,
  idempotencyRecordKey,
  isKeptAnswer,
  repeatOutcome,
  requestFingerprint,
  type StoredAnswer,
} from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('takes no header as no key', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
  });

  it.each(['a', '5f0c8a4e-9a57-4a1e-8d6e-1f2b3c4d5e6f', 'order 42 / try #1', '~'.repeat(255)])(
    'takes %j',
    (key) => {
      expect(idempotencyKeyOf(key)).toBe(key);
    },
  );

  it.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['a control character', 'key\u0001'],
    ['a tab', 'key\tkey'],
    ['a character beyond ASCII', 'clé'],
    ['sent twice', ['a', 'b']],
  ])('refuses a key that is %s with a validation error naming the header', (_name, header) => {
    let thrown: unknown;
    try {
      idempotencyKeyOf(header);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ArborError);
    expect((thrown as ArborError).code).toBe('validation_failed');
    expect((thrown as ArborError).details).toEqual({
      errors: [{ path: 'Idempotency-Key', message: expect.any(String) }],
    });
  });
});

describe('canonicalJson', () => {
  it('orders members at every depth, keeps array order, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null }, e: undefined })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
    expect(canonicalJson(12.5)).toBe('12.5');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('requestFingerprint', () => {
  const url = '/api/v1/practices/p1/invoices/i1/refund';

  it('is the same for the same parameters in another order', () => {
    expect(requestFingerprint({ url, body: { amount: 100, reason: 'dup' } })).toBe(
      requestFingerprint({ url, body: { reason: 'dup', amount: 100 } }),
    );
  });

  it('differs for another body, another path parameter or another query', () => {
    const first = requestFingerprint({ url, body: { amount: 100 } });
    expect(requestFingerprint({ url, body: { amount: 101 } })).not.toBe(first);
    expect(requestFingerprint({ url: url.replace('i1', 'i2'), body: { amount: 100 } })).not.toBe(first);
    expect(requestFingerprint({ url: `${url}?x=1`, body: { amount: 100 } })).not.toBe(first);
  });

  it('holds no part of the body', () => {
    expect(requestFingerprint({ url, body: { reason: 'Jane Doe' } })).not.toContain('Jane');
  });
});

describe('idempotencyRecordKey', () => {
  const scope = { userId: 'u1', method: 'POST', routePath: '/api/v1/portal/invoices/{iid}/pay', key: 'k' };

  it('is namespaced like the rate limiter and scoped by person, operation and key', () => {
    expect(idempotencyRecordKey('arbor', scope)).toBe(
      'arbor:gateway:idempotency:u1:POST /api/v1/portal/invoices/{iid}/pay:k',
    );
  });

  it('differs for another person, another operation, or another namespace', () => {
    const key = idempotencyRecordKey('arbor', scope);
    expect(idempotencyRecordKey('arbor', { ...scope, userId: 'u2' })).not.toBe(key);
    expect(idempotencyRecordKey('arbor', { ...scope, routePath: '/api/v1/other' })).not.toBe(key);
    expect(idempotencyRecordKey('other', scope)).not.toBe(key);
  });
});

describe('repeatOutcome', () => {
  const answer: StoredAnswer = { state: 'done', fingerprint: 'f1', status: 201, body: '{}' };

  it('replays the answer to the same request', () => {
    expect(repeatOutcome(answer, 'f1')).toEqual({ kind: 'replay', answer });
  });

  it('is a conflict for another request, answered or not', () => {
    expect(repeatOutcome(answer, 'f2')).toEqual({ kind: 'conflict', reason: 'other_request' });
    expect(repeatOutcome({ state: 'in_flight', fingerprint: 'f1', owner: 'o' }, 'f2')).toEqual({
      kind: 'conflict',
      reason: 'other_request',
    });
  });

  it('is a conflict for the same request while it still runs', () => {
    expect(repeatOutcome({ state: 'in_flight', fingerprint: 'f1', owner: 'o' }, 'f1')).toEqual({
      kind: 'conflict',
      reason: 'in_flight',
    });
  });
});

describe('isKeptAnswer', () => {
  it.each([200, 201, 204, 400, 402, 403, 404, 409])('keeps %i', (status) => {
    expect(isKeptAnswer(status)).toBe(true);
  });

  it.each([500, 502, 503, 504])('does not keep %i (the client may retry)', (status) => {
    expect(isKeptAnswer(status)).toBe(false);
  });
});
