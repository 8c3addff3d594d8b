import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { requireRole } from '@arbor/access';
import { AuditRepository } from '@arbor/audit';
import { CLOCK, type Clock } from '@arbor/clock';
import {
  ArborError,
  ClientArchived,
  ClientCreated,
  ClientCursor,
  ClientProvidersAssigned,
  ClientRestored,
  ClientUpdated,
  InviteClient,
  pageOf,
  PAGE_LIMIT_DEFAULT,
  taxStateOf,
  type Actor,
  type AnyActor,
  type ClientStatus,
  type ClientView,
  type CreateClientBody,
  type CreatedClient,
  type ListClients,
  type Page,
  type PayloadOf,
  type UpdateClientBody,
} from '@arbor/contracts';
import { openText, seal, type KeyRing } from '@arbor/crypto';
import { isUniqueViolation, type Database, type Transaction } from '@arbor/database';
import { BUS, DATABASE, emitEvent, LOGGER, type BusClient } from '@arbor/messaging';
import type { Logger } from '@arbor/observability';
import type { z } from 'zod';
import { PracticeProvidersRepository } from '@arbor/practice-providers';
import { changedFields, isFutureDate, maySeeClient, type ClientInfo, type ClientRecord } from './client';
import { emailHash, nameHashes, queryHashes, type SearchKey } from './client-search';
import { ClientsRepository, type ClientRow } from './clients.repository';

export const KEY_RING = Symbol.for('client-records.key-ring');
export const SEARCH_KEY = Symbol.for('client-records.search-key');

export type ClientRecordsAction =
  | 'client.created'
  | 'client.updated'
  | 'client.providers-assigned'
  | 'client.archived'
  | 'client.restored'
  | 'client.invited'
  | 'client.invitation-failed';

type ListRequest = Omit<PayloadOf<typeof ListClients>, 'actor'>;

const STAFF = ['admin', 'provider'] as const;

function notFound(): ArborError {
  return new ArborError('not_found', 'no such client');
}

/** Clients of a practice (the Clients tab, the Info section) and who is assigned to them. */
@Injectable()
export class ClientsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(BUS) private readonly bus: BusClient,
    @Inject(KEY_RING) private readonly keys: KeyRing,
    @Inject(SEARCH_KEY) private readonly search: SearchKey,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly repository: ClientsRepository,
    private readonly practiceProviders: PracticeProvidersRepository,
    private readonly audit: AuditRepository<ClientRecordsAction>,
  ) {}

  /**
   * The client is committed first, with its events; only then is identity asked for the portal
   * invitation. If identity does not answer (or refuses), the client stays, `portalInviteUrl` is
   * `null`, and {@link sendInvitation} tries again. A retried create finds the email taken.
   */
  async create(actor: Actor, body: z.infer<typeof CreateClientBody>): Promise<CreatedClient> {
    requireRole(actor, [...STAFF], 'only staff add clients');
    const info: ClientInfo = {
      firstName: body.firstName,
      lastName: body.lastName,
      email: body.email,
      phone: body.phone ?? null,
      dateOfBirth: body.dateOfBirth ?? null,
      address: body.address ?? null,
    };
    this.checkDateOfBirth(info.dateOfBirth);
    const now = this.clock.now();
    const record: ClientRecord = {
      id: uuidv7(),
      practiceId: actor.practiceId,
      status: 'active',
      info,
      providerIds: actor.role === 'provider' ? [actor.userId] : [],
      revision: 1,
      invitedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.db
      .transaction(async (tx) => {
        await this.repository.insert(tx, { ...this.toRow(record), createdBy: actor.userId });
        const state = this.eventState(record);
        await emitEvent(tx, ClientCreated, { ...state, providerIds: record.providerIds }, meta(actor));
        await emitEvent(
          tx,
          ClientProvidersAssigned,
          { ...state, providerIds: record.providerIds },
          meta(actor),
        );
        await this.record(tx, actor, 'client.created', record.id, { providerIds: record.providerIds });
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      });
    const invitation = await this.invite(actor, record).catch((error: unknown) => {
      this.logger.warn({ err: error, clientId: record.id }, 'the client portal invitation was not sent');
      return undefined;
    });
    if (invitation) record.invitedAt = invitation.invitedAt;
    return { ...view(record), portalInviteUrl: invitation?.inviteUrl ?? null };
  }

  async list(actor: Actor, request: ListRequest): Promise<Page<ClientView>> {
    requireRole(actor, [...STAFF], 'only staff see clients');
    const limit = request.limit ?? PAGE_LIMIT_DEFAULT;
    let nameFilter: string[] | undefined;
    if (request.q !== undefined && request.q.length > 0) {
      nameFilter = queryHashes(this.search, actor.practiceId, request.q);
      if (!nameFilter) {
        throw ArborError.validation('the search is too short', [
          { path: 'q', message: 'must contain a word of at least 2 letters or digits' },
        ]);
      }
    }
    const cursor = request.cursor === undefined ? undefined : ClientCursor.decode(request.cursor);
    const rows = await this.repository.list(
      this.db,
      {
        practiceId: actor.practiceId,
        status: request.status ?? 'active',
        ...(actor.role === 'provider' ? { assignedTo: actor.userId } : {}),
        ...(request.email ? { emailHash: emailHash(this.search, actor.practiceId, request.email) } : {}),
        ...(nameFilter ? { nameHashes: nameFilter } : {}),
        ...(cursor ? { beforeId: cursor.id } : {}),
      },
      limit,
    );
    const page = pageOf(rows, limit, ClientCursor, (row) => ({ id: row.id }));
    return { items: page.items.map((row) => view(this.fromRow(row))), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, clientId: string): Promise<ClientView> {
    requireRole(actor, [...STAFF], 'only staff see clients');
    const row = await this.repository.find(this.db, actor.practiceId, clientId);
    if (!row || !maySeeClient(actor, row)) throw notFound();
    return view(this.fromRow(row));
  }

  /** A new email keeps the record; it must not be another client's. */
  async update(actor: Actor, clientId: string, changes: UpdateClientBody): Promise<ClientView> {
    requireRole(actor, [...STAFF], 'only staff change clients');
    if (changes.dateOfBirth) this.checkDateOfBirth(changes.dateOfBirth);
    return this.db
      .transaction(async (tx) => {
        const current = await this.visibleForUpdate(tx, actor, clientId);
        const info: ClientInfo = { ...current.info };
        if (changes.firstName !== undefined) info.firstName = changes.firstName;
        if (changes.lastName !== undefined) info.lastName = changes.lastName;
        if (changes.email !== undefined) info.email = changes.email;
        if (changes.phone !== undefined) info.phone = changes.phone;
        if (changes.dateOfBirth !== undefined) info.dateOfBirth = changes.dateOfBirth;
        if (changes.address !== undefined) info.address = changes.address;
        const changed = changedFields(current.info, info);
        if (changed.length === 0) return view(current);
        const next: ClientRecord = {
          ...current,
          info,
          revision: current.revision + 1,
          updatedAt: this.clock.now(),
        };
        const { id: _id, practiceId: _practiceId, createdBy: _createdBy, ...row } = this.toRow(next);
        await this.repository.update(tx, clientId, row);
        await emitEvent(tx, ClientUpdated, { ...this.eventState(next), changedFields: changed }, meta(actor));
        await this.record(tx, actor, 'client.updated', clientId, { changedFields: changed });
        return view(next);
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? emailTaken() : error;
      });
  }

  async assignProviders(actor: Actor, clientId: string, providerIds: readonly string[]): Promise<ClientView> {
    requireRole(actor, ['admin'], 'only an Admin assigns providers to a client');
    return this.db.transaction(async (tx) => {
      const current = await this.visibleForUpdate(tx, actor, clientId);
      const providers = await this.practiceProviders.currentProviders(tx, actor.practiceId, providerIds);
      const errors = providerIds.flatMap((id, index) =>
        providers.has(id)
          ? []
          : [{ path: `providerIds[${index}]`, message: 'is not a provider of this practice' }],
      );
      if (errors.length > 0)
        throw ArborError.validation('only providers of the practice can be assigned', errors);
      if (current.providerIds.join() === providerIds.join()) return view(current);
      return view(await this.saveProviders(tx, current, [...providerIds], actor));
    });
  }

  archive(actor: Actor, clientId: string): Promise<ClientView> {
    return this.setStatus(actor, clientId, 'archived');
  }

  restore(actor: Actor, clientId: string): Promise<ClientView> {
    return this.setStatus(actor, clientId, 'active');
  }

  async sendInvitation(
    actor: Actor,
    clientId: string,
  ): Promise<{ clientId: string; portalInviteUrl: string; invitedAt: string }> {
    requireRole(actor, [...STAFF], 'only staff invite clients');
    const row = await this.repository.find(this.db, actor.practiceId, clientId);
    if (!row || !maySeeClient(actor, row)) throw notFound();
    const record = this.fromRow(row);
    if (record.status === 'archived') {
      throw new ArborError('conflict', 'restore the client before inviting them', {
        currentStatus: 'archived',
      });
    }
    const invitation = await this.invite(actor, record);
    return { clientId, portalInviteUrl: invitation.inviteUrl, invitedAt: invitation.invitedAt.toISOString() };
  }

  /**
   * Identity says what roles someone holds now. Someone who stops being a provider of the
   * practice is taken off every client they were assigned to, and each client says so.
   */
  async membershipChanged(
    tx: Transaction,
    change: { practiceId: string; userId: string; roles: readonly string[]; occurredAt: string },
  ): Promise<void> {
    if (!(await this.practiceProviders.stoppedProviding(tx, change))) return;
    for (const row of await this.repository.assignedTo(tx, change.practiceId, change.userId)) {
      const current = this.fromRow(row);
      const remaining = current.providerIds.filter((id) => id !== change.userId);
      await this.saveProviders(tx, current, remaining, { system: 'client-records' });
    }
  }

  private async setStatus(actor: Actor, clientId: string, status: ClientStatus): Promise<ClientView> {
    requireRole(actor, [...STAFF], 'only staff archive or restore clients');
    return this.db.transaction(async (tx) => {
      const current = await this.visibleForUpdate(tx, actor, clientId);
      if (current.status === status) return view(current);
      const next: ClientRecord = {
        ...current,
        status,
        revision: current.revision + 1,
        updatedAt: this.clock.now(),
      };
      await this.repository.update(tx, clientId, {
        status,
        revision: next.revision,
        updatedAt: next.updatedAt,
      });
      const contract = status === 'archived' ? ClientArchived : ClientRestored;
      await emitEvent(tx, contract, this.eventState(next), meta(actor));
      await this.record(
        tx,
        actor,
        status === 'archived' ? 'client.archived' : 'client.restored',
        clientId,
        {},
      );
      return view(next);
    });
  }

  private async saveProviders(
    tx: Transaction,
    current: ClientRecord,
    providerIds: string[],
    actor: AnyActor,
  ): Promise<ClientRecord> {
    const next: ClientRecord = {
      ...current,
      providerIds,
      revision: current.revision + 1,
      updatedAt: this.clock.now(),
    };
    await this.repository.update(tx, current.id, {
      providerIds,
      revision: next.revision,
      updatedAt: next.updatedAt,
    });
    await emitEvent(
      tx,
      ClientProvidersAssigned,
      { ...this.eventState(next), providerIds },
      { practiceId: current.practiceId, actor },
    );
    await this.audit.record(tx, {
      action: 'client.providers-assigned',
      occurredAt: next.updatedAt,
      actorUserId: 'userId' in actor ? actor.userId : null,
      practiceId: current.practiceId,
      subject: `client:${current.id}`,
      details: { providerIds, ...('system' in actor ? { by: actor.system } : {}) },
    });
    return next;
  }

  /** Asks identity for a portal invitation; records when it was sent, or that it failed. */
  private async invite(actor: Actor, record: ClientRecord): Promise<{ inviteUrl: string; invitedAt: Date }> {
    try {
      const reply = await this.bus.send(InviteClient, {
        actor,
        clientId: record.id,
        name: `${record.info.firstName} ${record.info.lastName}`,
        email: record.info.email,
      });
      const invitedAt = this.clock.now();
      await this.db.transaction(async (tx) => {
        await this.repository.update(tx, record.id, { invitedAt });
        await this.record(tx, actor, 'client.invited', record.id, { invitationId: reply.id });
      });
      return { inviteUrl: reply.inviteUrl, invitedAt };
    } catch (error) {
      const code = error instanceof ArborError ? error.code : 'internal';
      await this.record(this.db, actor, 'client.invitation-failed', record.id, { code }).catch(
        () => undefined,
      );
      throw error;
    }
  }

  private async visibleForUpdate(tx: Transaction, actor: Actor, clientId: string): Promise<ClientRecord> {
    const row = await this.repository.find(tx, actor.practiceId, clientId, { forUpdate: true });
    if (!row || !maySeeClient(actor, row)) throw notFound();
    return this.fromRow(row);
  }

  private checkDateOfBirth(date: string | null): void {
    if (date && isFutureDate(date, this.clock.now())) {
      throw ArborError.validation('a date of birth cannot be in the future', [
        { path: 'dateOfBirth', message: 'must not be in the future' },
      ]);
    }
  }

  private eventState(record: ClientRecord) {
    return {
      practiceId: record.practiceId,
      clientId: record.id,
      status: record.status,
      taxState: taxStateOf(record.info.address),
      revision: record.revision,
    };
  }

  private record(
    q: Database | Transaction,
    actor: Actor,
    action: ClientRecordsAction,
    clientId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(q, {
      action,
      occurredAt: this.clock.now(),
      actorUserId: actor.userId,
      practiceId: actor.practiceId,
      subject: `client:${clientId}`,
      details,
    });
  }

  private toRow(record: ClientRecord): ClientRow {
    return {
      id: record.id,
      practiceId: record.practiceId,
      status: record.status,
      sealedInfo: seal(this.keys, JSON.stringify(record.info), record.id),
      emailHash: emailHash(this.search, record.practiceId, record.info.email),
      nameHashes: nameHashes(this.search, record.practiceId, record.info),
      searchKeyId: this.search.id,
      providerIds: record.providerIds,
      revision: record.revision,
      invitedAt: record.invitedAt,
      createdBy: null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  private fromRow(row: ClientRow): ClientRecord {
    return {
      id: row.id,
      practiceId: row.practiceId,
      status: row.status,
      info: JSON.parse(openText(this.keys, row.sealedInfo, row.id)) as ClientInfo,
      providerIds: row.providerIds,
      revision: row.revision,
      invitedAt: row.invitedAt,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function meta(actor: Actor) {
  return { practiceId: actor.practiceId, actor };
}

function emailTaken(): ArborError {
  return new ArborError('conflict', 'another client of this practice has this email', { field: 'email' });
}

function view(record: ClientRecord): ClientView {
  const { address } = record.info;
  return {
    id: record.id,
    practiceId: record.practiceId,
    firstName: record.info.firstName,
    lastName: record.info.lastName,
    email: record.info.email,
    phone: record.info.phone,
    dateOfBirth: record.info.dateOfBirth,
    address: address ? { ...address } : null,
    status: record.status,
    providerIds: [...record.providerIds],
    invitedAt: record.invitedAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
