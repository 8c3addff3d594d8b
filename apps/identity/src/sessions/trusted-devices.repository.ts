import { Injectable } from '@nestjs/common';
import { and, eq, gt } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { trustedDevices } from './sessions.schema';

export interface TrustedDevice {
  readonly tokenHash: string;
  readonly userId: string;
}

@Injectable()
export class TrustedDevicesRepository {
  async findUnexpired(q: Queryable, tokenHash: string, now: Date): Promise<TrustedDevice | null> {
    const [row] = await q
      .select({ tokenHash: trustedDevices.tokenHash, userId: trustedDevices.userId })
      .from(trustedDevices)
      .where(and(eq(trustedDevices.tokenHash, tokenHash), gt(trustedDevices.expiresAt, now)));
    return row ?? null;
  }

  async add(q: Queryable, device: TrustedDevice, now: Date, expiresAt: Date): Promise<void> {
    await q.insert(trustedDevices).values({ ...device, createdAt: now, lastUsedAt: now, expiresAt });
  }

  /** Each sign-in from the device keeps it trusted for another full period. */
  async touch(q: Queryable, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
    await q
      .update(trustedDevices)
      .set({ lastUsedAt: now, expiresAt })
      .where(eq(trustedDevices.tokenHash, tokenHash));
  }

  /** A password change forgets every device: whoever knew the old password may have one. */
  async forgetAllOf(q: Queryable, userId: string): Promise<void> {
    await q.delete(trustedDevices).where(eq(trustedDevices.userId, userId));
  }
}
