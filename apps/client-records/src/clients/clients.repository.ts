import { and, arrayContains, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { ClientStatus } from '@arbor/contracts';
import type { Queryable } from '@arbor/database';
import { clients } from './clients.schema';

export type ClientRow = typeof clients.$inferSelect;

export interface ClientFilter {
  practiceId: string;
  status: ClientStatus;
  /** Only clients this provider is assigned to. */
  assignedTo?: string;
  emailHash?: string;
  /** Every one of these name hashes. */
  nameHashes?: string[];
  /** Clients created before this one (newest first paging). */
  beforeId?: string;
}

/** SQL for clients and the local list of each practice's providers. */
export class ClientsRepository {
  async insert(tx: Queryable, row: ClientRow): Promise<void> {
    await tx.insert(clients).values(row);
  }

  async find(db: Queryable, practiceId: string, id: string, options: { forUpdate?: boolean } = {}) {
    const query = db
      .select()
      .from(clients)
      .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  }

  async update(
    tx: Queryable,
    id: string,
    values: Partial<Omit<ClientRow, 'id' | 'practiceId'>>,
  ): Promise<void> {
    await tx.update(clients).set(values).where(eq(clients.id, id));
  }

  /** `limit + 1` rows, newest first. */
  async list(db: Queryable, filter: ClientFilter, limit: number): Promise<ClientRow[]> {
    const conditions: SQL[] = [eq(clients.practiceId, filter.practiceId), eq(clients.status, filter.status)];
    if (filter.assignedTo) conditions.push(arrayContains(clients.providerIds, [filter.assignedTo]));
    if (filter.emailHash) conditions.push(eq(clients.emailHash, filter.emailHash));
    if (filter.nameHashes) conditions.push(arrayContains(clients.nameHashes, filter.nameHashes));
    if (filter.beforeId) conditions.push(lt(clients.id, filter.beforeId));
    return db
      .select()
      .from(clients)
      .where(and(...conditions))
      .orderBy(desc(clients.id))
      .limit(limit + 1);
  }

  /** The practice's clients this provider is assigned to, locked for update. */
  async assignedTo(tx: Queryable, practiceId: string, userId: string): Promise<ClientRow[]> {
    return tx
      .select()
      .from(clients)
      .where(and(eq(clients.practiceId, practiceId), arrayContains(clients.providerIds, [userId])))
      .for('update');
  }
}
