import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { listingServices } from './read-models.schema';

/** Whether each practice's Directory Listing is on, as service-enablement last said. */
@Injectable()
export class ListingServicesRepository {
  /** Applies the event unless a later one is recorded (docs/adr/0012); true when it changed the row. */
  async record(
    tx: Queryable,
    service: { practiceId: string; enabled: boolean; asOf: Date },
  ): Promise<boolean> {
    const written = await tx
      .insert(listingServices)
      .values(service)
      .onConflictDoUpdate({
        target: listingServices.practiceId,
        set: { enabled: service.enabled, asOf: service.asOf },
        setWhere: sql`${listingServices.asOf} < ${service.asOf.toISOString()}::timestamptz`,
      })
      .returning({ practiceId: listingServices.practiceId });
    return written.length === 1;
  }

  async enabled(db: Queryable, practiceId: string): Promise<boolean> {
    const [row] = await db
      .select({ enabled: listingServices.enabled })
      .from(listingServices)
      .where(eq(listingServices.practiceId, practiceId));
    return row?.enabled ?? false;
  }
}
