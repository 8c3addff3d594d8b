import { randomBytes } from 'node:crypto';

/**
 * Where integration tests find PostgreSQL, RabbitMQ and Redis: `ARBOR_TEST_*_URL` when set
 * (CI, or containers started by the global setup), else the local services of a developer
 * machine.
 */
export interface TestServices {
  readonly postgresUrl: string;
  readonly rabbitmqUrl: string;
  readonly redisUrl: string;
}

export const LOCAL_SERVICES: TestServices = {
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  rabbitmqUrl: 'amqp://guest:guest@127.0.0.1:5672',
  redisUrl: 'redis://127.0.0.1:6379',
};

export function testServices(env: NodeJS.ProcessEnv = process.env): TestServices {
  return {
    postgresUrl: env['ARBOR_TEST_POSTGRES_URL'] || LOCAL_SERVICES.postgresUrl,
    rabbitmqUrl: env['ARBOR_TEST_RABBITMQ_URL'] || LOCAL_SERVICES.rabbitmqUrl,
    redisUrl: env['ARBOR_TEST_REDIS_URL'] || LOCAL_SERVICES.redisUrl,
  };
}

/** A bus namespace no other test run uses, so parallel runs on one broker never meet. */
export function uniqueBusNamespace(label = 'test'): string {
  return `arbor-test-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomBytes(4).toString('hex')}`;
}
