import {
  absoluteExpiry,
  decideRefresh,
  looksLikeRefreshToken,
  newRefreshToken,
  sessionState,
  type PresentedToken,
} from './session';

const MINUTE = 60_000;
const policy = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE };
const login = new Date('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(login.getTime() + minutes * MINUTE);

function token(overrides: Partial<PresentedToken> = {}, session: Partial<PresentedToken['session']> = {}) {
  return {
    usedAt: null,
    revokedAt: null,
    ...overrides,
    session: {
      lastActiveAt: login,
      absoluteExpiresAt: absoluteExpiry(login, policy),
      revokedAt: null,
      ...session,
    },
  };
}

describe('refresh decisions', () => {
  it('rotates a fresh token of a live session', () => {
    expect(decideRefresh(token(), at(10), policy)).toEqual({ outcome: 'rotate' });
  });

  it('refuses an unknown token without changing anything', () => {
    expect(decideRefresh(null, at(1), policy)).toEqual({ outcome: 'refuse', reason: 'unknown_token' });
  });

  it('ends the whole session when a spent token comes back (theft detection)', () => {
    expect(decideRefresh(token({ usedAt: at(5) }), at(6), policy)).toEqual({
      outcome: 'end_session',
      reason: 'reuse_detected',
    });
  });

  it('refuses any token of an ended session, spent or not', () => {
    expect(decideRefresh(token({}, { revokedAt: at(2) }), at(3), policy)).toEqual({
      outcome: 'refuse',
      reason: 'session_ended',
    });
    expect(decideRefresh(token({ usedAt: at(1) }, { revokedAt: at(2) }), at(3), policy)).toEqual({
      outcome: 'refuse',
      reason: 'session_ended',
    });
  });

  it('refuses a revoked token', () => {
    expect(decideRefresh(token({ revokedAt: at(1) }), at(2), policy)).toEqual({
      outcome: 'refuse',
      reason: 'token_revoked',
    });
  });

  it('ends a session idle for the idle timeout, not a minute before', () => {
    expect(decideRefresh(token({}, { lastActiveAt: at(0) }), at(29), policy).outcome).toBe('rotate');
    expect(decideRefresh(token({}, { lastActiveAt: at(0) }), at(30), policy)).toEqual({
      outcome: 'end_session',
      reason: 'idle_timeout',
    });
    // Activity moves the idle deadline.
    expect(decideRefresh(token({}, { lastActiveAt: at(20) }), at(45), policy).outcome).toBe('rotate');
  });

  it('ends a session at its absolute timeout, however active', () => {
    const active = { lastActiveAt: at(12 * 60 - 1) };
    expect(decideRefresh(token({}, active), at(12 * 60 - 0.5), policy).outcome).toBe('rotate');
    expect(decideRefresh(token({}, active), at(12 * 60), policy)).toEqual({
      outcome: 'end_session',
      reason: 'absolute_timeout',
    });
  });

  it('reports the absolute timeout before the idle one when both have passed', () => {
    expect(sessionState(token().session, at(13 * 60), policy)).toBe('absolute_timeout');
  });
});

describe('refresh tokens', () => {
  it('are rt_ and 32 random bytes, base64url', () => {
    const value = newRefreshToken();
    expect(value).toMatch(/^rt_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeRefreshToken(value)).toBe(true);
    expect(newRefreshToken()).not.toBe(value);
  });

  it('are told apart from anything else without a lookup', () => {
    expect(looksLikeRefreshToken('rt_short')).toBe(false);
    expect(looksLikeRefreshToken(`xx_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeRefreshToken(`rt_${'a'.repeat(42)}=`)).toBe(false);
    expect(looksLikeRefreshToken(`rt_${'a'.repeat(44)}`)).toBe(false);
  });
});
