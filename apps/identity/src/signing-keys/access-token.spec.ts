import { AccessTokenClaims } from '@arbor/contracts';
import { accessTokenClaims, type AccessTokenSubject } from './access-token';

const subject: AccessTokenSubject = {
  userId: '01950000-0000-7000-8000-000000000001',
  sessionId: '01950000-0000-7000-8000-000000000002',
  practiceId: '01950000-0000-7000-8000-000000000003',
  roles: ['provider', 'admin'],
  role: 'provider',
  mfaPending: false,
};
const token = {
  issuer: 'arbor-identity',
  audience: 'arbor',
  issuedAt: new Date('2026-03-01T08:00:00.900Z'),
  ttlSeconds: 900,
};

describe('access-token claims', () => {
  it('are exactly the contract’s claims, iat in whole seconds and exp a TTL later', () => {
    const claims = accessTokenClaims(subject, token);
    expect(claims).toEqual({
      iss: 'arbor-identity',
      aud: 'arbor',
      sub: subject.userId,
      sid: subject.sessionId,
      pid: subject.practiceId,
      roles: ['admin', 'provider'],
      role: 'provider',
      iat: 1772352000,
      exp: 1772352900,
    });
    expect(AccessTokenClaims.strict().parse(claims)).toEqual(claims);
  });

  it('carry mfa_pending only when it is true', () => {
    expect(accessTokenClaims({ ...subject, mfaPending: true }, token).mfa_pending).toBe(true);
    expect('mfa_pending' in accessTokenClaims(subject, token)).toBe(false);
  });

  it('are never made for a role the person does not hold', () => {
    expect(() => accessTokenClaims({ ...subject, role: 'client' }, token)).toThrow(/role not held/);
  });
});
