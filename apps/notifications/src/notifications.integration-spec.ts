// Real: the notifications service started in this process as main.ts starts it (the shared service
// world of libs/service-testing: startService, a throwaway PostgreSQL database migrated with this
// service's migrations, its own RabbitMQ namespace, its jobs on Redis). Faked: the clock (a test clock is the
// service's Clock) and every other service (nothing else runs).
import { CheckReadiness } from '@arbor/contracts';
import type { ServiceWorld } from '@arbor/service-testing';
import { notificationsWorld } from '../test/notifications-world';
import { SERVICE_NAME } from './notifications.config';

describe('notifications on the bus', () => {
  let world: ServiceWorld;

  beforeAll(async () => {
    world = await notificationsWorld('notifications');
  });
  afterAll(() => world.close());

  it('answers readiness over the bus, its database, Redis and broker up', async () => {
    await expect(world.bus.send(CheckReadiness, {}, { to: SERVICE_NAME })).resolves.toMatchObject({
      service: SERVICE_NAME,
      ready: true,
      checks: { database: { state: 'up' }, broker: { state: 'up' }, redis: { state: 'up' } },
    });
  });
});
