import { claimVerdict, takeoverVerdict } from './charge-claims';

const settings = { staleAfterMs: 60_000 };
const claimedAt = new Date('2030-01-01T10:00:00.000Z');
const at = (ms: number) => new Date(claimedAt.getTime() + ms);

describe('what a pay does about the invoice’s claim', () => {
  it('claims an invoice nobody holds', () => {
    expect(claimVerdict(undefined, 'key-new-0001', at(0), settings)).toBe('claim');
  });

  it('goes on with its own key’s claim, however old (a retry asks payments under the same key)', () => {
    const claim = { idempotencyKey: 'key-old-0001', claimedAt };
    expect(claimVerdict(claim, 'key-old-0001', at(0), settings)).toBe('own');
    expect(claimVerdict(claim, 'key-old-0001', at(3_600_000), settings)).toBe('own');
  });

  it('waits while another key’s claim is younger than the threshold, and asks about it from then on', () => {
    const claim = { idempotencyKey: 'key-old-0001', claimedAt };
    expect(claimVerdict(claim, 'key-new-0001', at(0), settings)).toBe('wait');
    expect(claimVerdict(claim, 'key-new-0001', at(59_999), settings)).toBe('wait');
    expect(claimVerdict(claim, 'key-new-0001', at(60_000), settings)).toBe('ask');
    expect(claimVerdict(claim, 'key-new-0001', at(86_400_000), settings)).toBe('ask');
  });
});

describe('what payments’ answer about the old key lets the new one do', () => {
  const attemptId = '0192f0c8-8a1e-7cc1-b2a5-6f1e2d3c4b5a';

  it('takes over from a key that charged nothing or failed', () => {
    expect(takeoverVerdict({ status: 'none' })).toEqual({ kind: 'take_over' });
    expect(takeoverVerdict({ status: 'failed', attemptId })).toEqual({ kind: 'take_over' });
  });

  it('applies the payment of a key that charged, and leaves one still in flight alone', () => {
    expect(takeoverVerdict({ status: 'succeeded', attemptId, amount: 10_825, currency: 'USD' })).toEqual({
      kind: 'apply',
      payment: { attemptId, amount: 10_825, currency: 'USD' },
    });
    expect(takeoverVerdict({ status: 'in_flight', attemptId })).toEqual({ kind: 'under_way' });
  });
});
