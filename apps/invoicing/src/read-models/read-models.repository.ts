import { Injectable } from '@nestjs/common';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@arbor/database';
import { billingClients, billingServices, portalAccounts } from './read-models.schema';

export type BillingClientRow = typeof billingClients.$inferSelect;

/** A client's state as one of client-records' events carries it. */
export interface ClientStateChange {
  readonly practiceId: string;
  readonly clientId: string;
  readonly status: 'active' | 'archived';
  readonly taxState: string | null;
  readonly revision: number;
  /** Present on the events that carry the client's providers (created, providers-assigned). */
  readonly providerIds?: readonly string[];
}

/**
 * The local views of other services' data that invoicing decides by. Each write applies an
 * event's full current state unless a later one is already recorded, so redeliveries and
 * reordering leave the latest state (docs/adr/0012).
 */
@Injectable()
export class ReadModelsRepository {
  async recordBillingService(
    tx: Queryable,
    service: { practiceId: string; enabled: boolean; providerIds: readonly string[]; asOf: Date },
  ): Promise<void> {
    const values = { ...service, providerIds: [...service.providerIds] };
    await tx
      .insert(billingServices)
      .values(values)
      .onConflictDoUpdate({
        target: billingServices.practiceId,
        set: { enabled: values.enabled, providerIds: values.providerIds, asOf: values.asOf },
        setWhere: sql`${billingServices.asOf} < ${service.asOf.toISOString()}::timestamptz`,
      });
  }

  async recordClient(tx: Queryable, change: ClientStateChange): Promise<void> {
    const providers = change.providerIds === undefined ? undefined : [...change.providerIds];
    const newer = sql`${billingClients.revision} < ${change.revision}`;
    const newerProviders = sql`${billingClients.providersRevision} < ${change.revision}`;
    await tx
      .insert(billingClients)
      .values({
        clientId: change.clientId,
        practiceId: change.practiceId,
        status: change.status,
        taxState: change.taxState,
        revision: change.revision,
        providerIds: providers ?? [],
        providersRevision: providers === undefined ? 0 : change.revision,
      })
      .onConflictDoUpdate({
        target: billingClients.clientId,
        set: {
          status: sql`CASE WHEN ${newer} THEN ${change.status} ELSE ${billingClients.status} END`,
          taxState: sql`CASE WHEN ${newer} THEN ${change.taxState}::text ELSE ${billingClients.taxState} END`,
          revision: sql`GREATEST(${billingClients.revision}, ${change.revision})`,
          ...(providers === undefined
            ? {}
            : {
                providerIds: sql`CASE WHEN ${newerProviders} THEN ${uuidArray(providers)} ELSE ${billingClients.providerIds} END`,
                providersRevision: sql`GREATEST(${billingClients.providersRevision}, ${change.revision})`,
              }),
        },
      });
  }

  async recordPortalAccount(
    tx: Queryable,
    account: { practiceId: string; userId: string; clientId: string | null; asOf: Date },
  ): Promise<void> {
    await tx
      .insert(portalAccounts)
      .values(account)
      .onConflictDoUpdate({
        target: [portalAccounts.practiceId, portalAccounts.userId],
        set: { clientId: account.clientId, asOf: account.asOf },
        setWhere: sql`${portalAccounts.asOf} < ${account.asOf.toISOString()}::timestamptz`,
      });
  }

  /** Whether the practice's Client Billing is on and assigned to this provider. */
  async mayBill(db: Queryable, practiceId: string, providerId: string): Promise<boolean> {
    const [service] = await db
      .select()
      .from(billingServices)
      .where(eq(billingServices.practiceId, practiceId));
    return service !== undefined && service.enabled && service.providerIds.includes(providerId);
  }

  /** The client, only if it belongs to the practice: another practice's id is as unknown as none. */
  async client(db: Queryable, practiceId: string, clientId: string): Promise<BillingClientRow | undefined> {
    const [row] = await db
      .select()
      .from(billingClients)
      .where(and(eq(billingClients.clientId, clientId), eq(billingClients.practiceId, practiceId)));
    return row;
  }

  /** The client record this person's portal account in the practice is for, if any. */
  async portalClientId(db: Queryable, practiceId: string, userId: string): Promise<string | null> {
    const [row] = await db
      .select({ clientId: portalAccounts.clientId })
      .from(portalAccounts)
      .where(and(eq(portalAccounts.practiceId, practiceId), eq(portalAccounts.userId, userId)));
    return row?.clientId ?? null;
  }
}

function uuidArray(ids: readonly string[]) {
  return ids.length === 0
    ? sql`ARRAY[]::uuid[]`
    : sql`ARRAY[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`;
}
