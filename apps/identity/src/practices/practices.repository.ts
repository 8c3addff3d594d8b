import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { practices } from './practices.schema';

export type PracticeRow = typeof practices.$inferSelect;

@Injectable()
export class PracticesRepository {
  async insert(q: Queryable, row: typeof practices.$inferInsert): Promise<void> {
    await q.insert(practices).values(row);
  }

  async find(q: Queryable, id: string): Promise<PracticeRow | undefined> {
    const [row] = await q.select().from(practices).where(eq(practices.id, id));
    return row;
  }

  async setRequireMfa(q: Queryable, id: string, requireMfa: boolean): Promise<void> {
    await q.update(practices).set({ requireMfa }).where(eq(practices.id, id));
  }
}
