import { Injectable } from '@nestjs/common';
import { eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import type { ThrottlePolicy } from '../identity.config';
import { afterFailure, type ThrottleState } from './login-throttle';
import { loginThrottle } from './sessions.schema';

@Injectable()
export class LoginThrottleRepository {
  async read(q: Queryable, keys: string[]): Promise<Map<string, ThrottleState>> {
    const rows = await q.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
    return new Map(rows.map(({ key, ...state }) => [key, state]));
  }

  /**
   * Counts one failure for a key. The row is created if missing, then locked, so concurrent
   * failures for one key are all counted (an attacker's parallel guesses included).
   */
  async recordFailure(q: Queryable, key: string, now: Date, policy: ThrottlePolicy): Promise<ThrottleState> {
    await q
      .insert(loginThrottle)
      .values({ key, failures: 0, windowStartedAt: now, lockedUntil: null })
      .onConflictDoNothing();
    const [row] = await q.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
    const current: ThrottleState | null = row && row.failures > 0 ? row : null;
    const next = afterFailure(current, now, policy);
    await q.update(loginThrottle).set(next).where(eq(loginThrottle.key, key));
    return next;
  }

  /** A successful login clears its account's counter (never the address's: see SessionsService). */
  async clear(q: Queryable, key: string): Promise<void> {
    await q.delete(loginThrottle).where(eq(loginThrottle.key, key));
  }
}
