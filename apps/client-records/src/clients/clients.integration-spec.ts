// Real: the client-records service started in this process as main.ts starts it (the shared
// service world: startService, its own throwaway PostgreSQL database, RabbitMQ), its outbox relay
// and events consumer. Faked: identity — a stand-in answers InviteClient on identity's RPC queue
// (as the real one would, or refusing, or unavailable, as a test sets it) and the test publishes
// identity's membership.changed events itself; the gateway (actors are made up here).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { auditLog } from '@arbor/audit';
import {
  ArborError,
  ArchiveClient,
  AssignClientProviders,
  CreateClient,
  GetClient,
  InviteClient,
  ListClients,
  MembershipChanged,
  RestoreClient,
  SendClientInvitation,
  UpdateClient,
  type Actor,
  type EventEnvelope,
  type PayloadOf,
} from '@arbor/contracts';
import { keyRing, openText } from '@arbor/crypto';
import { ArborRpcServer, Handles, inbox, outbox } from '@arbor/messaging';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { eventually } from '@arbor/testing';
import { SERVICE_NAME } from '../client-records.config';
import { ClientRecordsModule } from '../client-records.module';
import { emailHash, searchKey } from './client-search';
import { clients } from './clients.schema';
import { rotateClientKeys } from './key-rotation';

const practiceId = uuidv7();
const admin: Actor = { userId: uuidv7(), practiceId, role: 'admin' };
const providerA: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const providerB: Actor = { userId: uuidv7(), practiceId, role: 'provider' };
const otherPracticeAdmin: Actor = { userId: uuidv7(), practiceId: uuidv7(), role: 'admin' };

/** What the stand-in identity does with the next InviteClient requests. */
const identity = {
  mode: 'answer' as 'answer' | 'refuse' | 'unavailable',
  received: [] as Array<PayloadOf<typeof InviteClient>>,
};

@Controller()
class FakeIdentityHandlers {
  @Handles(InviteClient)
  invite(payload: PayloadOf<typeof InviteClient>) {
    identity.received.push(payload);
    if (identity.mode === 'refuse') {
      throw new ArborError('conflict', 'this person already has a portal account in this practice', {
        field: 'email',
      });
    }
    if (identity.mode === 'unavailable') {
      throw new ArborError('service_unavailable', 'identity is away', { service: 'identity' });
    }
    const id = uuidv7();
    return { id, inviteUrl: `https://app.arbor.test/invitations/${id}` };
  }
}

@Module({ controllers: [FakeIdentityHandlers] })
class FakeIdentityModule {}

let counter = 0;
function newClient(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    firstName: 'Avery',
    lastName: `Quinn${counter}`,
    email: `avery.${counter}.${uuidv7()}@example.test`,
    phone: '+1 (212) 555-0100',
    dateOfBirth: '1990-04-05',
    address: { line1: '1 Main St', city: 'Springfield', state: 'ny', postalCode: '10001', country: 'us' },
    ...overrides,
  };
}

describe('client records over the bus', () => {
  let world: ServiceWorld;
  let fakeIdentity: INestMicroservice;
  const kek = randomBytes(32);
  const searchSecret = randomBytes(32);

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      module: ({ clock }) =>
        ClientRecordsModule.forRoot({
          keys: keyRing(new Map([['k1', kek]])),
          searchKey: searchSecret,
          clock,
        }),
    });
    fakeIdentity = await NestFactory.createMicroservice(FakeIdentityModule, {
      strategy: new ArborRpcServer({
        url: world.servers.rabbitmqUrl,
        service: 'identity',
        namespace: world.namespace,
      }),
      logger: false,
    });
    await fakeIdentity.listen();
    for (const provider of [providerA, providerB])
      await handled(await membership(provider.userId, ['provider']));
  });

  afterAll(async () => {
    await fakeIdentity?.close();
    await world?.close();
  });

  beforeEach(() => {
    identity.mode = 'answer';
    identity.received = [];
  });

  /** What identity would publish when someone's roles change. */
  async function membership(
    userId: string,
    roles: string[],
    occurredAt = world.clock.now(),
  ): Promise<string> {
    const event: EventEnvelope<unknown> = {
      id: uuidv7(),
      type: MembershipChanged.pattern,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor: { system: 'identity' },
      data: { practiceId, userId, roles, clientId: null },
    };
    await world.events.publish(event);
    return event.id;
  }

  /** Once its inbox row exists, the service has applied (or deliberately skipped) the event. */
  const handled = (eventId: string) => world.handled(eventId);

  function failure(promise: Promise<unknown>): Promise<ArborError> {
    return promise.then(
      () => {
        throw new Error('expected the request to fail');
      },
      (error: unknown) => {
        if (error instanceof ArborError) return error;
        throw error;
      },
    );
  }

  describe('creating a client', () => {
    it('stores the client, invites them through identity, and announces it with ids only', async () => {
      const body = newClient();
      const created = await world.bus.send(CreateClient, { actor: providerA, client: body });
      expect(created).toMatchObject({
        practiceId,
        firstName: 'Avery',
        email: body.email,
        status: 'active',
        providerIds: [providerA.userId],
        address: { state: 'NY', country: 'US' },
        portalInviteUrl: expect.stringMatching(/^https:\/\/app\.arbor\.test\/invitations\//) as unknown,
        invitedAt: expect.any(String) as unknown,
      });
      expect(identity.received).toEqual([
        { actor: providerA, clientId: created.id, name: `Avery ${body.lastName}`, email: body.email },
      ]);

      const event = await world.events.next(
        'client-records.client.created.v1',
        (d) => d['clientId'] === created.id,
      );
      expect(event.data).toEqual({
        practiceId,
        clientId: created.id,
        status: 'active',
        taxState: 'NY',
        revision: 1,
        providerIds: [providerA.userId],
      });
      const assigned = await world.events.next(
        'client-records.client.providers-assigned.v1',
        (d) => d['clientId'] === created.id,
      );
      expect(assigned.data).toMatchObject({ providerIds: [providerA.userId], revision: 1 });
      const published = JSON.stringify([event, assigned]);
      for (const secret of [body.email, body.lastName, '555-0100', '1990-04-05', 'Main St']) {
        expect(published).not.toContain(secret);
      }

      const audit = await world.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `client:${created.id}`));
      expect(audit.map((entry) => entry.action).sort()).toEqual(['client.created', 'client.invited']);
    });

    it('keeps Info sealed: no column of the table holds a name, the email, phone, date of birth or address', async () => {
      const body = newClient({ firstName: 'Zebulon', lastName: 'Plaintextcheck' });
      const created = await world.bus.send(CreateClient, { actor: admin, client: body });
      const result = await world.database.db.execute(sql`SELECT * FROM clients WHERE id = ${created.id}`);
      expect(result.rows).toHaveLength(1);
      const stored = JSON.stringify(result.rows[0]).toLowerCase();
      for (const secret of [
        'zebulon',
        'plaintextcheck',
        body.email,
        '555-0100',
        '1990-04-05',
        'main st',
        'springfield',
        '10001',
      ]) {
        expect(stored).not.toContain(secret.toLowerCase());
      }
      const [row] = await world.database.db.select().from(clients).where(eq(clients.id, created.id));
      expect(row?.sealedInfo).toMatch(/^v1\.k1\./);
      expect(row?.nameHashes).toHaveLength(48);
    });

    it('refuses a second client with the same email (a retried create makes no duplicate)', async () => {
      const body = newClient();
      await world.bus.send(CreateClient, { actor: admin, client: body });
      const again = await failure(
        world.bus.send(CreateClient, { actor: admin, client: { ...body, email: body.email.toUpperCase() } }),
      );
      expect(again).toMatchObject({ code: 'conflict', details: { field: 'email' } });
      const page = await world.bus.send(ListClients, { actor: admin, email: body.email });
      expect(page.items).toHaveLength(1);
    });

    it('keeps the client when identity is unavailable, and the invitation can be sent again', async () => {
      identity.mode = 'unavailable';
      const created = await world.bus.send(CreateClient, { actor: admin, client: newClient() });
      expect(created).toMatchObject({ portalInviteUrl: null, invitedAt: null });
      expect(identity.received).toHaveLength(1);
      await expect(world.bus.send(GetClient, { actor: admin, clientId: created.id })).resolves.toMatchObject({
        id: created.id,
        invitedAt: null,
      });
      const audit = await world.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `client:${created.id}`));
      expect(audit.find((entry) => entry.action === 'client.invitation-failed')?.details).toEqual({
        code: 'service_unavailable',
      });

      const stillAway = await failure(
        world.bus.send(SendClientInvitation, { actor: admin, clientId: created.id }),
      );
      expect(stillAway.code).toBe('service_unavailable');

      identity.mode = 'answer';
      const sent = await world.bus.send(SendClientInvitation, { actor: admin, clientId: created.id });
      expect(sent.portalInviteUrl).toMatch(/^https:\/\/app\.arbor\.test\/invitations\//);
      await expect(world.bus.send(GetClient, { actor: admin, clientId: created.id })).resolves.toMatchObject({
        invitedAt: sent.invitedAt,
      });
    });

    it("passes identity's refusal of a re-sent invitation through", async () => {
      const created = await world.bus.send(CreateClient, { actor: admin, client: newClient() });
      identity.mode = 'refuse';
      const refused = await failure(
        world.bus.send(SendClientInvitation, { actor: admin, clientId: created.id }),
      );
      expect(refused).toMatchObject({ code: 'conflict', details: { field: 'email' } });
    });

    it('refuses a future date of birth and a US address without a state code, naming the field', async () => {
      const tomorrow = new Date(world.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
      const future = await failure(
        world.bus.send(CreateClient, { actor: admin, client: newClient({ dateOfBirth: tomorrow }) }),
      );
      expect(future).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'dateOfBirth' }] },
      });
      const badState = await failure(
        world.bus.send(CreateClient, {
          actor: admin,
          client: newClient({
            address: { line1: 'x', city: 'y', state: 'Narnia', postalCode: '1', country: 'US' },
          }),
        }),
      );
      expect(badState).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'client.address.state' }] },
      });
    });

    it('is for staff only', async () => {
      const asClient = await failure(
        world.bus.send(CreateClient, { actor: { ...admin, role: 'client' }, client: newClient() }),
      );
      expect(asClient.code).toBe('forbidden');
    });
  });

  describe('who sees which client', () => {
    it('shows providers only the clients assigned to them; others get not_found', async () => {
      const mine = await world.bus.send(CreateClient, { actor: providerA, client: newClient() });
      const theirs = await world.bus.send(CreateClient, { actor: providerB, client: newClient() });

      await expect(world.bus.send(GetClient, { actor: providerA, clientId: mine.id })).resolves.toMatchObject(
        {
          id: mine.id,
        },
      );
      for (const [actor, clientId] of [
        [providerA, theirs.id],
        [otherPracticeAdmin, mine.id],
      ] as const) {
        expect((await failure(world.bus.send(GetClient, { actor, clientId }))).code).toBe('not_found');
        expect(
          (await failure(world.bus.send(UpdateClient, { actor, clientId, changes: { firstName: 'X' } })))
            .code,
        ).toBe('not_found');
        expect((await failure(world.bus.send(ArchiveClient, { actor, clientId }))).code).toBe('not_found');
      }

      const listed = await world.bus.send(ListClients, { actor: providerA, limit: 100 });
      const ids = listed.items.map((client) => client.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      expect(listed.items.every((client) => client.providerIds.includes(providerA.userId))).toBe(true);
      const all = await world.bus.send(ListClients, { actor: admin, limit: 100 });
      expect(all.items.map((client) => client.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    });

    it('lets an Admin assign providers of the practice only, announcing the whole list', async () => {
      const created = await world.bus.send(CreateClient, { actor: admin, client: newClient() });
      const stranger = uuidv7();
      const refused = await failure(
        world.bus.send(AssignClientProviders, {
          actor: admin,
          clientId: created.id,
          providerIds: [providerA.userId, stranger],
        }),
      );
      expect(refused).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'providerIds[1]', message: 'is not a provider of this practice' }] },
      });
      const asProvider = await failure(
        world.bus.send(AssignClientProviders, { actor: providerA, clientId: created.id, providerIds: [] }),
      );
      expect(asProvider.code).toBe('forbidden');

      const assigned = await world.bus.send(AssignClientProviders, {
        actor: admin,
        clientId: created.id,
        providerIds: [providerB.userId, providerA.userId],
      });
      expect(assigned.providerIds).toEqual([providerB.userId, providerA.userId]);
      const event = await world.events.next(
        'client-records.client.providers-assigned.v1',
        (d) => d['clientId'] === created.id && d['revision'] === 2,
      );
      expect(event.data).toMatchObject({ providerIds: [providerB.userId, providerA.userId] });
      await expect(
        world.bus.send(GetClient, { actor: providerB, clientId: created.id }),
      ).resolves.toMatchObject({
        id: created.id,
      });
    });
  });

  describe('identity’s membership events', () => {
    it('builds the list of providers once per event, whatever the order, and unassigns a removed provider', async () => {
      const newcomer = uuidv7();
      const created = await world.bus.send(CreateClient, { actor: admin, client: newClient() });
      const assign = () =>
        world.bus.send(AssignClientProviders, {
          actor: admin,
          clientId: created.id,
          providerIds: [newcomer],
        });
      expect((await failure(assign())).code).toBe('validation_failed');

      world.clock.advance(60_000);
      const joined = await membership(newcomer, ['provider']);
      await handled(joined);
      await expect(assign()).resolves.toMatchObject({ providerIds: [newcomer] });

      // The same event again (a redelivery) changes nothing: the inbox has it once.
      await world.events.publish({
        id: joined,
        type: MembershipChanged.pattern,
        occurredAt: world.clock.now().toISOString(),
        practiceId,
        actor: { system: 'identity' },
        data: { practiceId, userId: newcomer, roles: ['provider'], clientId: null },
      });

      world.clock.advance(60_000);
      await handled(await membership(newcomer, []));
      const removed = await world.events.next(
        'client-records.client.providers-assigned.v1',
        (d) => d['clientId'] === created.id && d['revision'] === 3,
      );
      expect(removed.data).toMatchObject({ providerIds: [] });
      expect(removed.actor).toEqual({ system: 'client-records' });
      await expect(world.bus.send(GetClient, { actor: admin, clientId: created.id })).resolves.toMatchObject({
        providerIds: [],
      });

      // An older "is a provider" arriving late does not undo the removal.
      await handled(await membership(newcomer, ['provider'], new Date(world.clock.now().getTime() - 30_000)));
      expect((await failure(assign())).code).toBe('validation_failed');
      const inboxRows = await world.database.db.select().from(inbox).where(eq(inbox.eventId, joined));
      expect(inboxRows).toHaveLength(1);
    });
  });

  describe('search and pages', () => {
    const searchPractice = uuidv7();
    const searchAdmin: Actor = { userId: uuidv7(), practiceId: searchPractice, role: 'admin' };

    it('finds clients by the start of a name word, accents and case aside, and by exact email', async () => {
      const nunez = await world.bus.send(CreateClient, {
        actor: searchAdmin,
        client: newClient({ firstName: 'María José', lastName: "O'Brien-Núñez" }),
      });
      const other = await world.bus.send(CreateClient, {
        actor: searchAdmin,
        client: newClient({ firstName: 'Marion', lastName: 'Baker' }),
      });
      const ids = async (q: string) =>
        (await world.bus.send(ListClients, { actor: searchAdmin, q })).items.map((client) => client.id);
      expect(await ids('mar')).toEqual([other.id, nunez.id]);
      expect(await ids('NUÑ')).toEqual([nunez.id]);
      expect(await ids('obri')).toEqual([nunez.id]);
      expect(await ids('jose mari')).toEqual([nunez.id]);
      expect(await ids('bak')).toEqual([other.id]);
      expect(await ids('ake')).toEqual([]);
      expect(
        (
          await world.bus.send(ListClients, { actor: searchAdmin, email: nunez.email.toUpperCase() })
        ).items.map((client) => client.id),
      ).toEqual([nunez.id]);
      const tooShort = await failure(world.bus.send(ListClients, { actor: searchAdmin, q: 'm' }));
      expect(tooShort).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'q' }] } });
    });

    it('pages newest first with an opaque cursor, and keeps archived clients apart until restored', async () => {
      const pagePractice = uuidv7();
      const pageAdmin: Actor = { userId: uuidv7(), practiceId: pagePractice, role: 'admin' };
      const made: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        made.push((await world.bus.send(CreateClient, { actor: pageAdmin, client: newClient() })).id);
      }
      const first = await world.bus.send(ListClients, { actor: pageAdmin, limit: 2 });
      expect(first.items.map((client) => client.id)).toEqual([made[4], made[3]]);
      expect(first.nextCursor).not.toContain(made[3]);
      const second = await world.bus.send(ListClients, {
        actor: pageAdmin,
        limit: 2,
        cursor: first.nextCursor!,
      });
      expect(second.items.map((client) => client.id)).toEqual([made[2], made[1]]);
      const last = await world.bus.send(ListClients, {
        actor: pageAdmin,
        limit: 2,
        cursor: second.nextCursor!,
      });
      expect(last).toEqual({ items: [expect.objectContaining({ id: made[0] })], nextCursor: null });
      const bad = await failure(world.bus.send(ListClients, { actor: pageAdmin, cursor: 'not-a-cursor' }));
      expect(bad).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'cursor' }] } });

      const archived = await world.bus.send(ArchiveClient, { actor: pageAdmin, clientId: made[2]! });
      expect(archived.status).toBe('archived');
      const archivedEvent = await world.events.next(
        'client-records.client.archived.v1',
        (d) => d['clientId'] === made[2],
      );
      expect(archivedEvent.data).toMatchObject({ status: 'archived', revision: 2 });
      const active = await world.bus.send(ListClients, { actor: pageAdmin });
      expect(active.items.map((client) => client.id)).not.toContain(made[2]);
      const archivedList = await world.bus.send(ListClients, { actor: pageAdmin, status: 'archived' });
      expect(archivedList.items.map((client) => client.id)).toEqual([made[2]]);
      const resend = await failure(
        world.bus.send(SendClientInvitation, { actor: pageAdmin, clientId: made[2]! }),
      );
      expect(resend).toMatchObject({ code: 'conflict', details: { currentStatus: 'archived' } });

      const restored = await world.bus.send(RestoreClient, { actor: pageAdmin, clientId: made[2]! });
      expect(restored).toMatchObject({ status: 'active', email: archived.email });
      await world.events.next('client-records.client.restored.v1', (d) => d['clientId'] === made[2]);
      const actions = await world.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `client:${made[2]}`));
      expect(actions.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['client.archived', 'client.restored']),
      );
    });
  });

  describe('changing Info', () => {
    it('keeps the record when the email changes, announces which fields changed, and refuses a taken email', async () => {
      const taken = await world.bus.send(CreateClient, { actor: admin, client: newClient() });
      const created = await world.bus.send(CreateClient, { actor: providerA, client: newClient() });
      const newEmail = `renamed.${uuidv7()}@example.test`;
      const updated = await world.bus.send(UpdateClient, {
        actor: providerA,
        clientId: created.id,
        changes: {
          email: newEmail,
          phone: null,
          address: { line1: '2 Elm', city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' },
        },
      });
      expect(updated).toMatchObject({
        id: created.id,
        email: newEmail,
        phone: null,
        providerIds: [providerA.userId],
      });
      const event = await world.events.next(
        'client-records.client.updated.v1',
        (d) => d['clientId'] === created.id,
      );
      expect(event.data).toEqual({
        practiceId,
        clientId: created.id,
        status: 'active',
        taxState: 'TX',
        revision: 2,
        changedFields: ['email', 'phone', 'address'],
      });
      expect(JSON.stringify(event)).not.toContain(newEmail);
      expect(
        (await world.bus.send(ListClients, { actor: admin, email: newEmail })).items.map(
          (client) => client.id,
        ),
      ).toEqual([created.id]);
      expect((await world.bus.send(ListClients, { actor: admin, email: created.email })).items).toEqual([]);

      const clash = await failure(
        world.bus.send(UpdateClient, { actor: admin, clientId: created.id, changes: { email: taken.email } }),
      );
      expect(clash).toMatchObject({ code: 'conflict', details: { field: 'email' } });
      const audit = await world.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subject, `client:${created.id}`));
      expect(audit.find((entry) => entry.action === 'client.updated')?.details).toEqual({
        changedFields: ['email', 'phone', 'address'],
      });
    });
  });

  it('relays every event it wrote (the outbox empties)', async () => {
    await eventually(async () => {
      const left = await world.database.db.select().from(outbox);
      if (left.length > 0) throw new Error(`${left.length} events not relayed yet`);
    });
  });

  // Last: it changes the keys under the running service.
  it('rotates keys: re-wraps data keys under the new KEK and re-hashes under a new search key, once', async () => {
    const body = newClient({ lastName: 'Rotated' });
    const created = await world.bus.send(CreateClient, { actor: admin, client: body });
    const ring = keyRing(
      new Map([
        ['k2', randomBytes(32)],
        ['k1', kek],
      ]),
    );
    const newSearch = searchKey(randomBytes(32));
    expect(newSearch.id).not.toBe(searchKey(searchSecret).id);

    const first = await rotateClientKeys(world.database.db, ring, newSearch);
    expect(first.total).toBeGreaterThan(1);
    expect(first).toMatchObject({ rewrapped: first.total, rehashed: first.total });
    const [row] = await world.database.db.select().from(clients).where(eq(clients.id, created.id));
    expect(row?.sealedInfo).toMatch(/^v1\.k2\./);
    expect(JSON.parse(openText(ring, row!.sealedInfo, created.id))).toMatchObject({ email: body.email });
    expect(row).toMatchObject({
      searchKeyId: newSearch.id,
      emailHash: emailHash(newSearch, practiceId, body.email),
    });

    await expect(rotateClientKeys(world.database.db, ring, newSearch)).resolves.toEqual({
      rewrapped: 0,
      rehashed: 0,
      total: first.total,
    });
  });
});
