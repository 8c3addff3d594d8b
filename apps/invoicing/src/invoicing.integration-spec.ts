// Real: the invoicing service started in this process as main.ts starts it (the shared service
// world of libs/service-testing: startService, a throwaway PostgreSQL database migrated with this
// service's migrations, its own RabbitMQ namespace, its jobs on Redis). Faked: the clock (a test clock is the
// service's Clock) and every other service (nothing else runs).
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { AuditRepository, auditLog } from '@arbor/audit';
import { CheckReadiness } from '@arbor/contracts';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from './invoicing.config';
import { InvoicingModule } from './invoicing.module';

describe('invoicing on the bus', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '..', 'migrations'),
      jobs: true,
      module: ({ clock }) => InvoicingModule.forRoot({ clock }),
    });
  });
  afterAll(() => world.close());

  it('answers readiness over the bus, its database, Redis and broker up', async () => {
    await expect(world.bus.send(CheckReadiness, {}, { to: SERVICE_NAME })).resolves.toMatchObject({
      service: SERVICE_NAME,
      ready: true,
      checks: { database: { state: 'up' }, broker: { state: 'up' }, redis: { state: 'up' } },
    });
  });

  it('keeps an audit log the database refuses to rewrite', async () => {
    const audit = world.service.app.get(AuditRepository);
    await audit.record(world.database.db, { action: 'service.checked', occurredAt: world.clock.now() });
    await expect(world.database.db.update(auditLog).set({ action: 'rewritten' })).rejects.toMatchObject({
      cause: { code: '42501' },
    });
    await expect(world.database.db.execute(sql`TRUNCATE audit_log`)).rejects.toMatchObject({
      cause: { code: '42501' },
    });
    expect(await world.database.db.select().from(auditLog)).toHaveLength(1);
  });
});
