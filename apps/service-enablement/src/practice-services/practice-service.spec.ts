import { applyChanges, catalogue, sameState, withoutProvider } from './practice-service';

const P1 = '0190b1a2-7c1e-7d3f-8a2b-000000000001';
const P2 = '0190b1a2-7c1e-7d3f-8a2b-000000000002';

describe('practice services', () => {
  it('shows every service of the catalogue, disabled with nobody assigned until an Admin changes it', () => {
    expect(catalogue([])).toEqual([
      { key: 'client_billing', name: 'Client Billing', enabled: false, providerIds: [] },
      { key: 'telehealth_video', name: 'Telehealth Video', enabled: false, providerIds: [] },
      { key: 'secure_messaging', name: 'Secure Messaging', enabled: false, providerIds: [] },
      { key: 'documents', name: 'Documents', enabled: false, providerIds: [] },
      { key: 'directory_listing', name: 'Directory Listing', enabled: false, providerIds: [] },
    ]);
    expect(catalogue([{ key: 'documents', enabled: true, providerIds: [P1] }])[3]).toEqual({
      key: 'documents',
      name: 'Documents',
      enabled: true,
      providerIds: [P1],
    });
  });

  it('changes only what is given', () => {
    const enabled = applyChanges(undefined, 'client_billing', { enabled: true });
    expect(enabled).toEqual({ key: 'client_billing', enabled: true, providerIds: [] });
    const assigned = applyChanges(enabled, 'client_billing', { providerIds: [P2, P1] });
    expect(assigned).toEqual({ key: 'client_billing', enabled: true, providerIds: [P2, P1] });
    expect(applyChanges(assigned, 'client_billing', { enabled: false }).providerIds).toEqual([P2, P1]);
  });

  it('tells a real change from a no-op, so no event is emitted for nothing', () => {
    const state = { key: 'client_billing' as const, enabled: true, providerIds: [P1] };
    expect(sameState(state, { ...state })).toBe(true);
    expect(sameState(undefined, { key: 'client_billing', enabled: false, providerIds: [] })).toBe(true);
    expect(sameState(state, { ...state, providerIds: [P1, P2] })).toBe(false);
    expect(sameState(state, { ...state, enabled: false })).toBe(false);
  });

  it('unassigns a removed provider, and only where they were assigned', () => {
    const state = { key: 'client_billing' as const, enabled: true, providerIds: [P1, P2] };
    expect(withoutProvider(state, P1)?.providerIds).toEqual([P2]);
    expect(withoutProvider({ ...state, providerIds: [P2] }, P1)).toBeUndefined();
  });
});
