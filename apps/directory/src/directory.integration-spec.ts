// Real: the directory service started in this process as main.ts starts it (the shared service
// world of libs/service-testing: startService, a throwaway PostgreSQL database migrated with this
// service's migrations, its own RabbitMQ namespace). Faked: the clock (a test clock is the
// service's Clock) and every other service (nothing else runs).
import path from 'node:path';
import { CheckReadiness } from '@arbor/contracts';
import { createServiceWorld, type ServiceWorld } from '@arbor/service-testing';
import { SERVICE_NAME } from './directory.config';
import { DirectoryModule } from './directory.module';

describe('directory on the bus', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await createServiceWorld({
      service: SERVICE_NAME,
      migrations: path.join(__dirname, '..', 'migrations'),
      module: ({ clock }) => DirectoryModule.forRoot({ clock }),
    });
  });
  afterAll(() => world.close());

  it('answers readiness over the bus, its database and broker up', async () => {
    await expect(world.bus.send(CheckReadiness, {}, { to: SERVICE_NAME })).resolves.toMatchObject({
      service: SERVICE_NAME,
      ready: true,
      checks: { database: { state: 'up' }, broker: { state: 'up' } },
    });
  });
});
