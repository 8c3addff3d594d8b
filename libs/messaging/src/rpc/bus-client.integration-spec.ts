// Real: RabbitMQ, PostgreSQL, the NestJS RMQ transport and the service host, in this process.
// Faked: nothing; the fixture service stands in for a real one.
import { ClientRMQ, RmqRecord } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { ArborError, CheckReadiness } from '@arbor/contracts';
import { newTraceparent, runWithTraceContext, traceIdOf } from '@arbor/observability';
import { busTopology, rpcQueueOptions } from '../topology';
import { BrokenItem, EchoItem, FIXTURE_SERVICE, SettleItem } from '../../test/fixtures/fixture.contracts';
import { observed } from '../../test/fixtures/fixture.module';
import { createFixtureWorld, type FixtureWorld } from '../../test/fixtures/fixture-service';

describe('RPC over the bus', () => {
  let world: FixtureWorld;

  beforeAll(async () => {
    world = await createFixtureWorld('rpc');
    await world.startService();
  });
  afterAll(() => world.teardown());

  it('answers a valid request with the handler’s reply', async () => {
    await expect(world.bus.send(EchoItem, { label: 'session', quantity: 2 })).resolves.toEqual({
      label: 'session',
      quantity: 2,
    });
  });

  it('carries a service’s typed error back intact', async () => {
    const error = await world.bus.send(SettleItem, { label: 'INV-7' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArborError);
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'item INV-7 is already settled',
      details: { currentStatus: 'paid' },
    });
  });

  it('counts handled requests by message and outcome on the service’s /metrics', async () => {
    await world.bus.send(SettleItem, { label: 'INV-8' }).catch(() => undefined);
    const metrics = await (await fetch(`http://127.0.0.1:${world.service!.ops.port}/metrics`)).text();
    expect(metrics).toMatch(
      /arbor_rpc_requests_total\{pattern="messaging-fixture.item.settle.v1",outcome="conflict"[^}]*\} [1-9]/,
    );
    expect(metrics).toContain('arbor_rpc_request_duration_seconds_bucket');
  });

  it('refuses to send an invalid payload, naming the field', async () => {
    const error = await world.bus.send(EchoItem, { label: '', quantity: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation_failed', details: { errors: [{ path: 'label' }] } });
  });

  it('rejects an invalid payload on receive with validation_failed naming the field, without running the handler', async () => {
    // A sender that skips validation (another language, an old version): the service still refuses.
    const raw = new ClientRMQ({
      urls: [world.rabbitmqUrl],
      queue: busTopology(world.namespace).rpcQueue(FIXTURE_SERVICE),
      queueOptions: rpcQueueOptions(),
    });
    try {
      const error: unknown = await firstValueFrom(
        raw.send<unknown>(
          EchoItem.pattern,
          new RmqRecord({ label: 'x', quantity: -1 }, { expiration: '2000' }),
        ),
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'validation_failed',
        details: { errors: [{ path: 'quantity', message: expect.any(String) as unknown }] },
      });
    } finally {
      await raw.close();
    }
  });

  it('turns a reply that breaks its contract into an internal error, not bad data', async () => {
    await expect(world.bus.send(BrokenItem, {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('propagates the caller’s trace to the handler', async () => {
    observed.reset();
    const traceparent = newTraceparent();
    await runWithTraceContext({ traceparent }, () =>
      world.bus.send(EchoItem, { label: 'trace', quantity: 1 }),
    );
    expect(observed.traceparents).toHaveLength(1);
    expect(traceIdOf(observed.traceparents[0])).toBe(traceIdOf(traceparent));
  });

  it('answers readiness over the bus with the database and broker checks', async () => {
    await expect(world.bus.send(CheckReadiness, {}, { to: FIXTURE_SERVICE })).resolves.toEqual({
      service: FIXTURE_SERVICE,
      ready: true,
      checks: { database: { state: 'up' }, broker: { state: 'up' } },
    });
  });

  it('fails within its timeout with service_unavailable when the service is down, and the stale request is not run later', async () => {
    await world.stopService();
    const timeoutMs = 400;
    const started = Date.now();
    const error = await world.bus
      .send(EchoItem, { label: 'late', quantity: 1 }, { timeoutMs })
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ArborError);
    expect(error).toMatchObject({
      code: 'service_unavailable',
      details: { service: FIXTURE_SERVICE, timeoutMs },
    });
    // A functional bound (the caller is not left hanging), not a speed assertion.
    expect(elapsed).toBeLessThan(timeoutMs + 2000);

    // The request expired in the queue: when the service comes back it does not execute it.
    observed.reset();
    await new Promise((resolve) => setTimeout(resolve, timeoutMs));
    await world.startService();
    await world.bus.send(EchoItem, { label: 'fresh', quantity: 1 });
    expect(observed.traceparents).toHaveLength(1);
  });
});
