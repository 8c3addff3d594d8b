// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world: startService, its own throwaway PostgreSQL database migrated with its migrations,
// RabbitMQ, its events consumer and inbox). Faked: service-enablement, client-records and identity
// — the test publishes their events itself, as their relays would.
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import {
  ClientArchived,
  ClientProvidersAssigned,
  ClientUpdated,
  MembershipChanged,
  ServiceChanged,
  type EventEnvelope,
} from '@arbor/contracts';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from '../invoicing.config';
import { InvoicingModule } from '../invoicing.module';
import { ReadModelsRepository } from './read-models.repository';

const practiceId = uuidv7();
const repository = new ReadModelsRepository();

describe("invoicing's read models from other services' events", () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '../../migrations'),
      jobs: true,
      module: ({ clock }) => InvoicingModule.forRoot({ clock }),
      tap: ['invoicing.#'],
    });
  });
  afterAll(() => world.close());

  async function publish(type: string, data: unknown, occurredAt = world.clock.now()): Promise<string> {
    const envelope: EventEnvelope<unknown> = {
      id: uuidv7(),
      type,
      occurredAt: occurredAt.toISOString(),
      practiceId,
      actor: { system: 'test' },
      data,
    };
    await world.events.publish(envelope);
    await world.handled(envelope.id);
    return envelope.id;
  }

  it('knows who may bill from Client Billing only, and ignores an older change arriving late', async () => {
    const provider = uuidv7();
    const later = world.clock.now();
    const earlier = new Date(later.getTime() - 60_000);
    await publish(
      ServiceChanged.pattern,
      { practiceId, key: 'client_billing', enabled: true, providerIds: [provider] },
      later,
    );
    await publish(
      ServiceChanged.pattern,
      { practiceId, key: 'client_billing', enabled: false, providerIds: [] },
      earlier,
    );
    // A newer change of another service says nothing about billing.
    await publish(
      ServiceChanged.pattern,
      { practiceId, key: 'telehealth_video', enabled: false, providerIds: [] },
      new Date(later.getTime() + 1),
    );
    expect(await repository.mayBill(world.database.db, practiceId, provider)).toBe(true);
    expect(await repository.mayBill(world.database.db, practiceId, uuidv7())).toBe(false);

    await publish(
      ServiceChanged.pattern,
      { practiceId, key: 'client_billing', enabled: false, providerIds: [provider] },
      new Date(later.getTime() + 2),
    );
    expect(await repository.mayBill(world.database.db, practiceId, provider)).toBe(false);
  });

  it("keeps a client's state and providers by revision, each half on its own, whatever the order", async () => {
    const clientId = uuidv7();
    const provider = uuidv7();
    const state = { practiceId, clientId, status: 'active', taxState: 'NY' };
    // An update (no providers) arrives before the assignment that came first.
    await publish(ClientUpdated.pattern, {
      ...state,
      revision: 2,
      taxState: 'TX',
      changedFields: ['address'],
    });
    await publish(ClientProvidersAssigned.pattern, { ...state, revision: 1, providerIds: [provider] });
    expect(await repository.client(world.database.db, practiceId, clientId)).toMatchObject({
      status: 'active',
      taxState: 'TX',
      revision: 2,
      providerIds: [provider],
    });

    await publish(ClientArchived.pattern, { ...state, status: 'archived', taxState: 'TX', revision: 3 });
    await publish(ClientProvidersAssigned.pattern, { ...state, revision: 1, providerIds: [] });
    expect(await repository.client(world.database.db, practiceId, clientId)).toMatchObject({
      status: 'archived',
      providerIds: [provider],
    });
    expect(await repository.client(world.database.db, uuidv7(), clientId)).toBeUndefined();
  });

  it('maps a portal account to its client while the person holds the Client role', async () => {
    const userId = uuidv7();
    const clientId = uuidv7();
    const at = world.clock.now();
    await publish(MembershipChanged.pattern, { practiceId, userId, roles: ['client'], clientId }, at);
    expect(await repository.portalClientId(world.database.db, practiceId, userId)).toBe(clientId);

    await publish(
      MembershipChanged.pattern,
      { practiceId, userId, roles: [], clientId },
      new Date(at.getTime() + 1),
    );
    await publish(
      MembershipChanged.pattern,
      { practiceId, userId, roles: ['client'], clientId },
      new Date(at.getTime() - 1),
    );
    expect(await repository.portalClientId(world.database.db, practiceId, userId)).toBeNull();
  });
});
