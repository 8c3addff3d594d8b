import { execFileSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { LOCAL_SERVICES } from './test-environment';

/**
 * Jest global setup for integration and end-to-end tiers. Where the environment names the
 * services (`ARBOR_TEST_*_URL`) or the local ones answer, it uses those. Otherwise, on a machine
 * with a Docker engine, it starts PostgreSQL, RabbitMQ and Redis with testcontainers and exports
 * their URLs to the test workers. Elsewhere it stops with a message naming what is missing.
 */
const STOP = Symbol.for('arbor.testcontainers.stop');

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const given = ['ARBOR_TEST_POSTGRES_URL', 'ARBOR_TEST_RABBITMQ_URL', 'ARBOR_TEST_REDIS_URL'].some(
    (name) => process.env[name],
  );
  if (given) return;
  const local = {
    postgres: await reachable(LOCAL_SERVICES.postgresUrl),
    rabbitmq: await reachable(LOCAL_SERVICES.rabbitmqUrl),
    redis: await reachable(LOCAL_SERVICES.redisUrl),
  };
  if (local.postgres && local.rabbitmq && local.redis) return;
  const missing = Object.entries(local)
    .filter(([, up]) => !up)
    .map(([name]) => name);
  if (!dockerAvailable()) {
    throw new Error(
      `integration tests need ${missing.join(', ')}: start them locally, set ARBOR_TEST_<NAME>_URL, or run a Docker engine for testcontainers`,
    );
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
  const { RedisContainer } = await import('@testcontainers/redis');
  const [postgres, rabbitmq, redis] = await Promise.all([
    new PostgreSqlContainer('postgres:15').withUsername('postgres').withPassword('postgres').start(),
    new RabbitMQContainer('rabbitmq:3.13-management').start(),
    new RedisContainer('redis:7').start(),
  ]);
  process.env['ARBOR_TEST_POSTGRES_URL'] = postgres.getConnectionUri().replace(/\/[^/]*$/, '/postgres');
  process.env['ARBOR_TEST_RABBITMQ_URL'] = rabbitmq.getAmqpUrl();
  process.env['ARBOR_TEST_REDIS_URL'] = redis.getConnectionUrl();
  process.env['ARBOR_TEST_RABBITMQ_CONTAINER'] = rabbitmq.getId();
  (globalThis as Record<symbol, unknown>)[STOP] = () =>
    Promise.all([postgres.stop(), rabbitmq.stop(), redis.stop()]);
}

export async function stopContainers(): Promise<void> {
  const stop = (globalThis as Record<symbol, unknown>)[STOP] as (() => Promise<unknown>) | undefined;
  await stop?.();
}
