import { Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { invitations } from './invitations.schema';

export type InvitationRow = typeof invitations.$inferSelect;

@Injectable()
export class InvitationsRepository {
  async insert(q: Queryable, row: typeof invitations.$inferInsert): Promise<void> {
    await q.insert(invitations).values(row);
  }

  /** With `forUpdate`, locked for the rest of the transaction: two accepts of one link cannot both succeed. */
  async findByTokenHash(
    q: Queryable,
    tokenHash: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<InvitationRow | undefined> {
    const query = q.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  }

  async markAccepted(q: Queryable, id: string, now: Date): Promise<void> {
    await q.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, id));
  }
}
