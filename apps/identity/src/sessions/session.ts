import type { SessionEndReason } from '@arbor/contracts';
import { newOpaqueToken } from '../opaque-token';

export const REFRESH_TOKEN_PREFIX = 'rt_';
/** `rt_` + base64url of 32 random bytes. */
const REFRESH_TOKEN_FORMAT = /^rt_[A-Za-z0-9_-]{43}$/;

export function newRefreshToken(): string {
  return newOpaqueToken(REFRESH_TOKEN_PREFIX);
}

/** Anything else is refused without a database lookup. */
export function looksLikeRefreshToken(value: string): boolean {
  return REFRESH_TOKEN_FORMAT.test(value);
}

/** Why a session ended: the reasons its `identity.session.ended.v1` event carries. */
export type RevokeReason = SessionEndReason;

export interface SessionPolicy {
  readonly idleMs: number;
  readonly absoluteMs: number;
}

export interface SessionTimes {
  readonly lastActiveAt: Date;
  readonly absoluteExpiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface PresentedToken {
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly session: SessionTimes;
}

/** Whether a session may still be used now, and if not, why. */
export function sessionState(
  session: SessionTimes,
  now: Date,
  policy: SessionPolicy,
): 'live' | 'revoked' | 'idle_timeout' | 'absolute_timeout' {
  if (session.revokedAt) return 'revoked';
  if (now.getTime() >= session.absoluteExpiresAt.getTime()) return 'absolute_timeout';
  if (now.getTime() - session.lastActiveAt.getTime() >= policy.idleMs) return 'idle_timeout';
  return 'live';
}

export function absoluteExpiry(loginAt: Date, policy: SessionPolicy): Date {
  return new Date(loginAt.getTime() + policy.absoluteMs);
}

export type RefreshDecision =
  | { readonly outcome: 'rotate' }
  /** Refused; nothing to change (the token is unknown, or its session already ended). */
  | { readonly outcome: 'refuse'; readonly reason: 'unknown_token' | 'session_ended' | 'token_revoked' }
  /** Refused, and the session ends now for this reason. */
  | {
      readonly outcome: 'end_session';
      readonly reason: 'reuse_detected' | 'idle_timeout' | 'absolute_timeout';
    };

/**
 * What a refresh with this token does. A token already spent means two parties hold the family
 * (the thief or the victim is replaying it): the whole session ends, so the thief's copy dies
 * too. A session past its idle or absolute timeout ends as well. Everything refused answers the
 * caller alike (`unauthenticated`).
 */
export function decideRefresh(
  token: PresentedToken | null,
  now: Date,
  policy: SessionPolicy,
): RefreshDecision {
  if (!token) return { outcome: 'refuse', reason: 'unknown_token' };
  if (token.session.revokedAt) return { outcome: 'refuse', reason: 'session_ended' };
  if (token.usedAt) return { outcome: 'end_session', reason: 'reuse_detected' };
  if (token.revokedAt) return { outcome: 'refuse', reason: 'token_revoked' };
  const state = sessionState(token.session, now, policy);
  switch (state) {
    case 'live':
      return { outcome: 'rotate' };
    case 'idle_timeout':
    case 'absolute_timeout':
      return { outcome: 'end_session', reason: state };
    case 'revoked':
      return { outcome: 'refuse', reason: 'session_ended' };
  }
}
