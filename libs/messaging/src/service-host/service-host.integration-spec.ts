// Real: RabbitMQ and PostgreSQL, the service host. Faked: nothing.
import { createFixtureWorld } from '../../test/fixtures/fixture-service';

describe('service host', () => {
  it('survives being stopped right after it started (no stray rejection ends the process)', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const world = await createFixtureWorld('quickstop');
    try {
      for (let i = 0; i < 3; i += 1) {
        await world.startService();
        await world.stopService();
      }
      // Rejections are reported on a later tick: give them that tick before looking.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await world.teardown();
    }
  });
});
