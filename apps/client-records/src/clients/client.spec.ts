import type { Actor } from '@arbor/contracts';
import { changedFields, isFutureDate, maySeeClient, type ClientInfo } from './client';

const practiceId = '01950000-0000-7000-8000-000000000001';
const providerId = '01950000-0000-7000-8000-0000000000a1';
const client = { practiceId, providerIds: [providerId] };
const as = (role: Actor['role'], userId = providerId, inPractice = practiceId): Actor => ({
  userId,
  practiceId: inPractice,
  role,
});

describe('who may see a client', () => {
  it('lets an Admin of the practice and an assigned provider see the client', () => {
    expect(maySeeClient(as('admin', '01950000-0000-7000-8000-0000000000ff'), client)).toBe(true);
    expect(maySeeClient(as('provider'), client)).toBe(true);
  });

  it('hides the client from unassigned providers, clients, and other practices', () => {
    expect(maySeeClient(as('provider', '01950000-0000-7000-8000-0000000000a2'), client)).toBe(false);
    expect(maySeeClient(as('client'), client)).toBe(false);
    expect(maySeeClient(as('admin', providerId, '01950000-0000-7000-8000-000000000002'), client)).toBe(false);
  });
});

describe('Info rules', () => {
  const info: ClientInfo = {
    firstName: 'Avery',
    lastName: 'Quinn',
    email: 'a@b.test',
    phone: null,
    dateOfBirth: '1990-01-01',
    address: { line1: '1 Main', city: 'X', state: 'NY', postalCode: '1', country: 'US' },
  };

  it('names the fields that changed, in a fixed order', () => {
    expect(changedFields(info, { ...info })).toEqual([]);
    expect(
      changedFields(info, {
        ...info,
        address: { ...info.address!, state: 'TX' },
        firstName: 'Ave',
        phone: '1',
      }),
    ).toEqual(['firstName', 'phone', 'address']);
  });

  it('refuses a date of birth after today (UTC)', () => {
    const now = new Date('2026-12-01T23:59:00Z');
    expect(isFutureDate('2026-12-01', now)).toBe(false);
    expect(isFutureDate('2026-12-02', now)).toBe(true);
  });
});
