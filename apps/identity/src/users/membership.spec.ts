import type { Role } from '@arbor/contracts';
import {
  canonicalRoles,
  defaultActiveRole,
  membershipViews,
  mfaPending,
  primaryMembership,
  removedRoles,
  removesLastAdmin,
  staffRolesOf,
  withStaffRoles,
  type HeldMembership,
} from './membership';

const ALL_ROLE_SETS: Role[][] = [
  ['admin'],
  ['provider'],
  ['client'],
  ['admin', 'provider'],
  ['admin', 'client'],
  ['provider', 'client'],
  ['admin', 'provider', 'client'],
];

describe('default active role', () => {
  it.each<[Role[], Role]>([
    [['admin'], 'admin'],
    [['provider'], 'provider'],
    [['client'], 'client'],
    [['admin', 'provider'], 'provider'],
    [['provider', 'admin'], 'provider'],
    [['admin', 'client'], 'admin'],
    [['client', 'provider'], 'provider'],
    [['client', 'admin', 'provider'], 'provider'],
  ])('%j acts as %s', (roles, expected) => {
    expect(defaultActiveRole(roles)).toBe(expected);
  });

  it('refuses a membership without roles (one never exists)', () => {
    expect(() => defaultActiveRole([])).toThrow();
  });
});

describe('role lists', () => {
  it('are de-duplicated and put in one order', () => {
    expect(canonicalRoles(['client', 'provider', 'admin', 'provider'])).toEqual([
      'admin',
      'provider',
      'client',
    ]);
    expect(staffRolesOf(['client', 'provider'])).toEqual(['provider']);
    expect(staffRolesOf(['client'])).toEqual([]);
  });

  it('keep the Client role when an Admin sets staff roles, and nothing else', () => {
    expect(withStaffRoles(['admin', 'provider'], ['provider'])).toEqual(['provider']);
    expect(withStaffRoles(['provider', 'client'], ['admin'])).toEqual(['admin', 'client']);
    expect(withStaffRoles(['provider', 'client'], [])).toEqual(['client']);
    expect(withStaffRoles(['provider'], [])).toEqual([]);
    expect(withStaffRoles(['provider'], ['provider', 'provider'])).toEqual(['provider']);
  });

  it('name exactly the roles taken away', () => {
    expect(removedRoles(['admin', 'provider'], ['provider'])).toEqual(['admin']);
    expect(removedRoles(['provider'], ['admin', 'provider'])).toEqual([]);
    expect(removedRoles(['admin', 'provider', 'client'], [])).toEqual(['admin', 'provider', 'client']);
    for (const roles of ALL_ROLE_SETS) expect(removedRoles(roles, roles)).toEqual([]);
  });
});

describe('the last Admin', () => {
  it('cannot lose the Admin role', () => {
    expect(removesLastAdmin(['admin', 'provider'], ['provider'], 1)).toBe(true);
    expect(removesLastAdmin(['admin'], [], 1)).toBe(true);
  });

  it('may keep it, and another Admin may lose it', () => {
    expect(removesLastAdmin(['admin', 'provider'], ['admin'], 1)).toBe(false);
    expect(removesLastAdmin(['admin', 'provider'], ['provider'], 2)).toBe(false);
    expect(removesLastAdmin(['provider'], [], 1)).toBe(false);
  });
});

describe('mfa_pending', () => {
  it('is set only for staff of a practice that requires MFA, before they enrol', () => {
    for (const practiceRequiresMfa of [true, false]) {
      for (const mfaEnabled of [true, false]) {
        for (const role of ['admin', 'provider', 'client'] as const) {
          expect(mfaPending({ practiceRequiresMfa, mfaEnabled, role })).toBe(
            practiceRequiresMfa && !mfaEnabled && role !== 'client',
          );
        }
      }
    }
  });
});

describe('memberships', () => {
  const membership = (practiceId: string, createdAt: string, roles: Role[]): HeldMembership => ({
    practiceId,
    practiceName: `Practice ${practiceId}`,
    requireMfa: false,
    roles,
    clientId: null,
    createdAt: new Date(createdAt),
  });
  const first = membership('bbbb', '2026-01-01T00:00:00Z', ['client']);
  const second = membership('aaaa', '2026-02-01T00:00:00Z', ['admin', 'provider']);

  it('a new session acts in the practice joined first', () => {
    expect(primaryMembership([second, first])).toBe(first);
    expect(primaryMembership([])).toBeUndefined();
    const sameTime = membership('0000', '2026-01-01T00:00:00Z', ['provider']);
    expect(primaryMembership([first, sameTime])).toBe(sameTime);
  });

  it('show the active role where the session acts and the default elsewhere', () => {
    expect(membershipViews([first, second], { practiceId: 'aaaa', role: 'admin' })).toEqual([
      { practiceId: 'bbbb', practiceName: 'Practice bbbb', roles: ['client'], activeRole: 'client' },
      {
        practiceId: 'aaaa',
        practiceName: 'Practice aaaa',
        roles: ['admin', 'provider'],
        activeRole: 'admin',
      },
    ]);
    // A role the membership does not hold never shows as active.
    expect(membershipViews([second], { practiceId: 'aaaa', role: 'client' })[0]?.activeRole).toBe('provider');
  });
});
