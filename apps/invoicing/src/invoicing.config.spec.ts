import { loadInvoicingConfig } from './invoicing.config';

describe('invoicing’s stale charge claim threshold (ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS)', () => {
  it('is a minute by default, or twice the RPC timeout when that is longer', () => {
    expect(loadInvoicingConfig({}).chargeClaimStaleMs).toBe(60_000);
    expect(loadInvoicingConfig({ ARBOR_RPC_TIMEOUT_MS: '45000' }).chargeClaimStaleMs).toBe(90_000);
  });

  it('takes a value that outlives a charge request in RabbitMQ', () => {
    expect(loadInvoicingConfig({ ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS: '10000' }).chargeClaimStaleMs).toBe(
      10_000,
    );
  });

  it('refuses, at start, a threshold shorter than twice the RPC timeout (a request may still be queued)', () => {
    expect(() => loadInvoicingConfig({ ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS: '9999' })).toThrow(
      /chargeClaimStaleMs: must be at least twice the RPC timeout \(5000 ms\)/,
    );
    expect(() => loadInvoicingConfig({ ARBOR_INVOICING_CHARGE_CLAIM_STALE_MS: 'soon' })).toThrow(
      /chargeClaimStaleMs/,
    );
  });
});
